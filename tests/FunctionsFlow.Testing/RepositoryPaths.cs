namespace FunctionsFlow.Testing;

/// <summary>Finds the repository root from a test's output folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds <c>FunctionsFlow.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FunctionsFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FunctionsFlow.sln was not found above " + AppContext.BaseDirectory);
    }
}
