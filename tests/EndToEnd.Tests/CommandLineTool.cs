using System.Diagnostics;
using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>The <c>leads</c> command-line tool run as a process against the platform, as an operator runs it.</summary>
public static class CommandLineTool
{
    public static Task<(int ExitCode, string Output)> RunAsync(LeadPlatform platform, CancellationToken cancellationToken, params string[] args) =>
        RunAsync(platform, TimeSpan.FromMinutes(2), cancellationToken, args);

    /// <summary>As above, for a run that may take longer than two minutes (a bulk import on a busy machine).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(LeadPlatform platform, TimeSpan timeout, CancellationToken cancellationToken, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepositoryPaths.ServiceDll("Leads.Cli"));
        info.ArgumentList.Add("--commands");
        info.ArgumentList.Add(platform.CommandService.Address.ToString());
        info.ArgumentList.Add("--queries");
        info.ArgumentList.Add(platform.QueryService.Address.ToString());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The platform verifies tokens with the test key: the tool calls as the test suite, with every role.
        info.Environment["LEADS_TOKEN"] = TestTokens.AllRoles;
        info.Environment["TERM"] = "dumb";
        info.Environment["COLUMNS"] = "200";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the CLI");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
