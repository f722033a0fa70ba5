using System.Text.Json.Serialization;

namespace Leads.CommandService.Handling;

/// <summary>
/// The durable record that a command with an idempotency key was handled, stored as the only event of the stream
/// <c>command-&lt;command_id&gt;</c> under the type <see cref="EventType"/>. A retry replays <see cref="Reply"/>.
/// </summary>
public sealed record CommandHandled(
    string CommandId,
    string Fingerprint,
    long LeadId,
    ulong Revision,
    ulong Position,
    bool NoOp,
    bool Rebased)
{
    public const string EventType = "CommandHandled.v1";

    [JsonIgnore]
    public CommandReply Reply => new(LeadId, Revision, Position, NoOp, Rebased);

    public static CommandHandled Of(string commandId, string fingerprint, CommandReply reply) =>
        new(commandId, fingerprint, reply.LeadId, reply.Revision, reply.Position, reply.NoOp, reply.Rebased);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CommandHandled))]
internal sealed partial class CommandHandledJsonContext : JsonSerializerContext;
