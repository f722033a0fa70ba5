using Grpc.Core;
using Leads.Contracts.V1;

namespace Leads.Security.Tests;

/// <summary>
/// One idempotency key sent at the same moment with different payloads: exactly one command is carried out, every
/// other copy is refused, and a refused copy writes nothing, also when the copies aim at different leads.
/// </summary>
public abstract class DuplicateCommandIdTests(HostilePlatform platform)
{
    private const int Copies = 8;
    private readonly HostilePlatform platform = platform.Running();

    [Fact]
    public async Task Concurrent_copies_of_a_new_command_id_on_different_leads_write_exactly_one_command()
    {
        var token = TestContext.Current.CancellationToken;
        var commands = platform.Commands;
        var leads = Enumerable.Range(0, Copies).Select(i => 880_000L + i).ToList();
        foreach (var lead in leads)
        {
            await commands.InitializeLeadAsync(
                new InitializeLeadRequest { LeadId = lead, Name = "Race Lead", Email = $"race{lead}@example.com", Phone = "050-8139904" },
                cancellationToken: token);
        }

        for (var round = 0; round < 5; round++)
        {
            var key = $"race-{round}-{Guid.NewGuid():N}";
            var calls = leads.Select(async lead =>
            {
                try
                {
                    await commands.ChangeNameAsync(new ChangeNameRequest { LeadId = lead, Name = $"Racer {round} {lead}", CommandId = key }, cancellationToken: token);
                    return StatusCode.OK;
                }
                catch (RpcException e)
                {
                    return e.StatusCode;
                }
            });

            var codes = await Task.WhenAll(calls);

            Assert.Equal(1, codes.Count(c => c == StatusCode.OK));
            Assert.All(codes.Where(c => c != StatusCode.OK), c => Assert.Equal(StatusCode.InvalidArgument, c));
            Assert.Equal(1, await LeadEventsWrittenByAsync(key, token));
        }
    }

    private async Task<int> LeadEventsWrittenByAsync(string commandId, CancellationToken cancellationToken) =>
        (await platform.Store.ReadAllAsync(cancellationToken))
            .Count(e => e.StreamId.StartsWith("lead-", StringComparison.Ordinal) && e.Metadata.CommandId == commandId);

    [Collection(SqliteHostileCollection.Name)]
    public sealed class OnSqlite(SqliteHostilePlatform platform) : DuplicateCommandIdTests(platform);

    [Collection(EventStoreDbHostileCollection.Name)]
    public sealed class OnEventStoreDb(EventStoreDbHostilePlatform platform) : DuplicateCommandIdTests(platform);
}
