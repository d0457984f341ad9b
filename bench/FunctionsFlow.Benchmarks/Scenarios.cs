namespace FunctionsFlow.Benchmarks;

/// <summary>End-to-end scenarios against the storage account in FUNCTIONSFLOW_BENCH_STORAGE (Azurite).</summary>
public static class Scenarios
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("Scenarios need the Azure Storage backend; see docs/benchmarks.md.");
        _ = args;
        return Task.FromResult(2);
    }
}
