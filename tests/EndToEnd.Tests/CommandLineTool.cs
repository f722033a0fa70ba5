using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>The <c>leads</c> command-line tool run as a process against the platform, as an operator runs it.</summary>
public static class CommandLineTool
{
    public static Task<(int ExitCode, string Output)> RunAsync(LeadPlatform platform, CancellationToken cancellationToken, params string[] args) =>
        RunAsync(platform, TimeSpan.FromMinutes(2), cancellationToken, args);

    /// <summary>As above, for a run that may take longer than two minutes (a bulk import on a busy machine).</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(LeadPlatform platform, TimeSpan timeout, CancellationToken cancellationToken, params string[] args) =>
        CommandLineProcess.RunAsync(
            ["--commands", platform.CommandService.Address.ToString(), "--queries", platform.QueryService.Address.ToString(), .. args],
            // The platform verifies tokens with the test key: the tool calls as the test suite, with every role.
            new Dictionary<string, string?> { ["LEADS_TOKEN"] = TestTokens.AllRoles, ["COLUMNS"] = "200" },
            timeout,
            cancellationToken);
}
