using Sigil;

// Composition root only: each sub-command lives in its own file and wires the libraries.
return await CommandTable.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
