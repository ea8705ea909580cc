using ApiServer.Bench;

// Composition root: run every scenario once and print the figures.
var report = await ScenarioRunner.RunAsync(args, CancellationToken.None);
Console.WriteLine(report);
return 0;
