using Leads.Testing;
using Microsoft.Playwright;

namespace SearchPage.Tests;

/// <summary>
/// Screenshots kept as test artifacts: under <c>$TEST_RESULTS/screenshots</c> (what <c>make test</c> sets), else
/// <c>.test-results/screenshots</c> in the repository. Each saved path is written to the test's output.
/// </summary>
public static class Screenshots
{
    public static string Folder
    {
        get
        {
            var results = Environment.GetEnvironmentVariable("TEST_RESULTS");
            var root = string.IsNullOrWhiteSpace(results) ? Path.Combine(RepositoryPaths.Root, ".test-results") : Path.GetFullPath(results);
            return Path.Combine(root, "screenshots");
        }
    }

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
        await Console.Error.WriteLineAsync($"[SearchPage.Tests] screenshot saved: {path}");
        return path;
    }
}
