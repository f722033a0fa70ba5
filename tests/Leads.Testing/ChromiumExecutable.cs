namespace Leads.Testing;

/// <summary>
/// Debian's Chromium, which browser tests and the benchmark drive with Playwright (a Playwright browser download cannot
/// work here). <c>CHROMIUM_PATH</c> overrides the search; <c>CHROMIUM_REQUIRED=1</c> (CI) turns a missing browser
/// from a skip into a failure.
/// </summary>
public static class ChromiumExecutable
{
    /// <summary>The flags that let it run headless as root and keep it off the network.</summary>
    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
    ];

    public static bool Required => Environment.GetEnvironmentVariable("CHROMIUM_REQUIRED") == "1";

    /// <summary>The browser binary itself (not Debian's /usr/bin/chromium wrapper script when the binary is there), or null.</summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return new[] { "/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
    }

    public static string MissingReason =>
        "Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH); .ci/run installs it and sets CHROMIUM_REQUIRED=1";
}
