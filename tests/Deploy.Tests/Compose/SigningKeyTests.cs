using System.Diagnostics;
using Leads.Deploy.Tests.Support;
using Leads.Testing;

namespace Leads.Deploy.Tests.Compose;

/// <summary>
/// <c>make up</c> gets its signing key from LEADS_AUTH_SIGNING_KEY or the git-ignored .env (<c>make signing-key</c>,
/// its first step): with neither, a fresh random key goes to .env, readable by its owner only, and is kept after that.
/// </summary>
public sealed class SigningKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Make_writes_a_fresh_random_key_once_and_keeps_it()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        await MakeSigningKeyAsync(first.File(".env"));
        var written = await File.ReadAllTextAsync(first.File(".env"), Ct);
        await MakeSigningKeyAsync(first.File(".env"));
        await MakeSigningKeyAsync(second.File(".env"));

        var line = Assert.Single(written.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("LEADS_AUTH_SIGNING_KEY=", line, StringComparison.Ordinal);
        Assert.True(Convert.FromBase64String(line["LEADS_AUTH_SIGNING_KEY=".Length..]).Length >= 32, line);
        Assert.Equal(written, await File.ReadAllTextAsync(first.File(".env"), Ct));
        Assert.NotEqual(written, await File.ReadAllTextAsync(second.File(".env"), Ct));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.File(".env")));
        }

        Assert.Contains(".env", await File.ReadAllLinesAsync(Path.Combine(RepositoryPaths.Root, ".gitignore"), Ct));
    }

    [Fact]
    public async Task A_key_in_the_environment_is_used_as_it_is_and_nothing_is_written()
    {
        using var directory = new TempDirectory();

        await MakeSigningKeyAsync(directory.File(".env"), ("LEADS_AUTH_SIGNING_KEY", "given-by-the-operator"));

        Assert.False(File.Exists(directory.File(".env")));
    }

    private static async Task MakeSigningKeyAsync(string envFile, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("make", ["-s", "-C", RepositoryPaths.Root, "signing-key", $"ENV_FILE={envFile}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("LEADS_AUTH_SIGNING_KEY");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var make = Process.Start(start)!;
        var output = make.StandardOutput.ReadToEndAsync(Ct);
        var errors = make.StandardError.ReadToEndAsync(Ct);
        await make.WaitForExitAsync(Ct);
        Assert.True(make.ExitCode == 0, $"make signing-key exited {make.ExitCode}: {await output}{await errors}");
    }
}
