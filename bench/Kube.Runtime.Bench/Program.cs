using Kube.Runtime.Bench;

await InformerMemoryScenario.RunAsync(Console.Out);
await QueueThroughputScenario.RunAsync(Console.Out);
