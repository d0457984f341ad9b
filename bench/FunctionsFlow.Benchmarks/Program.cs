using BenchmarkDotNet.Running;

namespace FunctionsFlow.Benchmarks;

/// <summary>Benchmarks: BenchmarkDotNet micro-benchmarks (replay), and end-to-end scenarios on a running Azurite.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "scenarios")
        {
            return await Scenarios.ScenarioRunner.RunAsync(args[1..]).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
