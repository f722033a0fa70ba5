using System.Security.Cryptography;
using System.Text;
using Leads.Domain;

namespace Leads.CommandService.Handling;

/// <summary>
/// The idempotency key (<c>command_id</c>): its rules, the stream that records the command's outcome, and the
/// deterministic ids of the events it produces (so an append retried after a lost reply is the same append).
/// </summary>
public static class CommandKey
{
    public const int MaxLength = 100;
    public const string RecordStreamPrefix = "command-";

    // Fixed namespace of our name-based (version 5 style) event ids. Never change it: ids of stored events derive from it.
    private static readonly Guid EventIdNamespace = new("6f1d3a52-8c0e-4b7a-9f3e-2d4c5b6a7e81");

    public static DomainError? Validate(string commandId)
    {
        if (commandId.Length > MaxLength)
        {
            return DomainError.Invalid("command_id", $"command_id must be at most {MaxLength} characters (got {commandId.Length})");
        }

        foreach (var c in commandId)
        {
            if (c is < ' ' or > '~')
            {
                return DomainError.Invalid("command_id", "command_id may contain only printable ASCII characters");
            }
        }

        return null;
    }

    /// <summary>The refusal of a key sent again with a different command.</summary>
    public static DomainError Reused(string commandId, long leadId) => DomainError.Invalid(
        "command_id",
        $"command_id '{commandId}' was already used for a different command (on lead {leadId}); send a new command_id for a new command");

    /// <summary>
    /// <c>command-&lt;id&gt;</c> when the id is made of letters, digits and <c>-_.:</c>; otherwise a hash of it
    /// (<c>command-~&lt;sha256&gt;</c>, where <c>~</c> cannot appear in a plain id, so the two never collide).
    /// </summary>
    public static string RecordStream(string commandId) =>
        commandId.All(IsPlain)
            ? RecordStreamPrefix + commandId
            : RecordStreamPrefix + "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(commandId)));

    /// <summary>The id of the <paramref name="index"/>-th event the command appends to <paramref name="streamId"/>.</summary>
    public static Guid EventId(string commandId, string streamId, int index) =>
        NameBasedGuid($"{streamId}\n{commandId}\n{index}");

    /// <summary>
    /// The id of the key's reservation by one command (<see cref="CommandReserved"/>). It names the command (its
    /// fingerprint), not only the key: both stores answer an append whose event ids are already in the stream as done,
    /// which is right for a copy of the same command and would be wrong for a different one.
    /// </summary>
    public static Guid ReservationEventId(string commandId, string fingerprint) =>
        NameBasedGuid($"{RecordStream(commandId)}\n{commandId}\nreserved\n{fingerprint}");

    /// <summary>The id of the record of the command's outcome.</summary>
    public static Guid RecordEventId(string commandId) => NameBasedGuid($"{RecordStream(commandId)}\n{commandId}\nhandled");

    /// <summary>A name-based id in the same namespace, for other writes whose ids must repeat (a bulk import's rows).</summary>
    public static Guid DerivedId(string name) => NameBasedGuid(name);

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';

    /// <summary>RFC 4122 version 5: SHA-1 of the namespace and the name, with the version and variant bits set.</summary>
    private static Guid NameBasedGuid(string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(name.Length)];
        EventIdNamespace.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
