using Leads.Contracts.V1;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// The valid commands before the hostile phase: one lead per status, each with a name, contact and status change
/// after its first event (so a stale expected_revision of 0 conflicts with every command), idempotency keys on
/// every command, and real page tokens; waits until the views include it all.
/// </summary>
public static class ValidPhase
{
    public static async Task<FuzzContext> RunAsync(HostilePlatform platform, CancellationToken cancellationToken)
    {
        var commands = platform.Commands;
        var keys = new List<string>();
        ulong position = 0;

        async Task<ulong> Send<TRequest>(Func<TRequest, Grpc.Core.CallOptions, Grpc.Core.AsyncUnaryCall<LeadCommandReply>> rpc, TRequest request)
        {
            var reply = await rpc(request, new Grpc.Core.CallOptions(cancellationToken: cancellationToken));
            position = Math.Max(position, reply.Position);
            return reply.Revision;
        }

        async Task<long> Lead(long id, params LeadStatus[] statuses)
        {
            string Key(string what)
            {
                var key = $"valid-{what}-{id}";
                keys.Add(key);
                return key;
            }

            await Send(commands.InitializeLeadAsync, new InitializeLeadRequest
            {
                LeadId = id, Name = "Stefan Example", Email = "stefan@old.example", Phone = "03-27243457", CommandId = Key("init"),
            });
            await Send(commands.ChangeNameAsync, new ChangeNameRequest { LeadId = id, Name = "Stefan Renamed", CommandId = Key("name") });
            await Send(commands.ChangeContactInfoAsync, new ChangeContactInfoRequest
            {
                LeadId = id, Email = "stefan@new.example", Phone = "050-8139904", CommandId = Key("contact"),
            });
            for (var i = 0; i < statuses.Length; i++)
            {
                await Send(commands.ChangeStatusAsync, new ChangeStatusRequest { LeadId = id, Status = statuses[i], CommandId = Key($"status{i}") });
            }

            return id;
        }

        var available = await Lead(1410, LeadStatus.FollowUp, LeadStatus.Available);
        var followUp = await Lead(1411, LeadStatus.FollowUp);
        await Send(commands.SetFollowupAsync, new SetFollowupRequest { LeadId = followUp, FollowupOn = "2030-11-23", CommandId = "valid-followup-1411" });
        keys.Add("valid-followup-1411");
        var closed = await Lead(1412, LeadStatus.Closed);
        var converted = await Lead(1413, LeadStatus.Converted);

        await platform.Queries.GetLeadAsync(new GetLeadRequest { LeadId = converted, MinPosition = position },
            deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken);
        var history = await platform.Queries.GetLeadHistoryAsync(new GetLeadHistoryRequest { LeadId = followUp, PageSize = 1 }, cancellationToken: cancellationToken);
        var list = await platform.Queries.ListLeadsAsync(new ListLeadsRequest { PageSize = 1 }, cancellationToken: cancellationToken);
        Assert.NotEmpty(history.NextPageToken);
        Assert.NotEmpty(list.NextPageToken);

        return new FuzzContext(
            [available, followUp, closed, converted],
            available,
            followUp,
            closed,
            converted,
            keys,
            history.NextPageToken,
            followUp,
            list.NextPageToken,
            ["lead-views", "lead-search", "integration-publisher"]);
    }
}
