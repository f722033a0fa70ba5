using System.Text.Json.Serialization;

namespace Leads.CommandService.Handling;

/// <summary>
/// The claim a command with an idempotency key stakes before it writes anything: the first event of the stream
/// <c>command-&lt;command_id&gt;</c>, appended with expected revision "no stream", so on either store exactly one command
/// (its fingerprint: RPC, lead and every field) ever owns the key. <see cref="CommandHandled"/> follows it once the
/// command's reply is known.
/// </summary>
public sealed record CommandReserved(string CommandId, string Fingerprint, long LeadId)
{
    public const string EventType = "CommandReserved.v1";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CommandReserved))]
internal sealed partial class CommandReservedJsonContext : JsonSerializerContext;
