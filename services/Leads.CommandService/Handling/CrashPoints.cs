using System.Diagnostics;

namespace Leads.CommandService.Handling;

/// <summary>
/// Test-only fault injection: with <c>Leads:FaultInjection:CrashAfter</c> naming one of the points below, the process
/// SIGKILLs itself when it gets there, so tests can stop it deterministically between two writes. Unset (always, in
/// production) it does nothing.
/// </summary>
public sealed class CrashPoints(IConfiguration configuration)
{
    public const string SettingKey = "Leads:FaultInjection:CrashAfter";

    /// <summary>The key's reservation is stored; the lead's events are not.</summary>
    public const string CommandReserved = "command-reserved";

    /// <summary>The lead's events are stored; the key's record is not.</summary>
    public const string LeadAppended = "lead-appended";

    /// <summary>An erasure deleted the lead's key; LeadForgotten is not appended.</summary>
    public const string KeyDeleted = "key-deleted";

    private readonly string? _crashAfter = configuration[SettingKey];

    public void Reached(string point)
    {
        if (string.Equals(_crashAfter, point, StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"fault injection: killing the process after {point}");
            Process.GetCurrentProcess().Kill();
        }
    }
}
