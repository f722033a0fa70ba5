namespace Leads.Testing;

/// <summary>Finds the repository and the built output of a service, whichever way it was built.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The built dll of a project under services/: with LEADS_ARTIFACTS set, under that artifacts folder, else under the
    /// project's own bin folder; the configuration this test assembly was built with is preferred.
    /// </summary>
    public static string ServiceDll(string projectName)
    {
        var preferred = typeof(RepositoryPaths).Assembly.Location.Contains("/release/", StringComparison.OrdinalIgnoreCase)
            || typeof(RepositoryPaths).Assembly.Location.Contains("/Release/", StringComparison.Ordinal)
            ? new[] { "Release", "Debug" }
            : new[] { "Debug", "Release" };
        var artifacts = Environment.GetEnvironmentVariable("LEADS_ARTIFACTS");
        var candidates = new List<string>();
        foreach (var config in preferred)
        {
            if (!string.IsNullOrEmpty(artifacts))
            {
                candidates.Add(Path.Combine(artifacts, "bin", projectName, config.ToLowerInvariant(), projectName + ".dll"));
            }

            candidates.Add(Path.Combine(Root, "services", projectName, "bin", config, "net10.0", projectName + ".dll"));
        }

        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{projectName}.dll is not built; looked in: {string.Join(", ", candidates)}");
    }

    private static string FindRoot()
    {
        var built = typeof(RepositoryPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (built is not null && File.Exists(Path.Combine(built, "Microservices.sln")))
        {
            return Path.TrimEndingDirectorySeparator(built);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Microservices.sln")))
            {
                return dir.FullName;
            }
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Microservices.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Microservices.sln not found above " + AppContext.BaseDirectory);
    }
}
