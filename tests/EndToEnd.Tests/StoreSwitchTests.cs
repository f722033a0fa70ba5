using System.Text.RegularExpressions;
using Leads.Contracts.V1;
using Leads.Testing;
using Microsoft.Data.Sqlite;

namespace EndToEnd.Tests;

/// <summary>
/// A team outgrows the embedded store: the running SQLite platform's history is copied with <c>leads store copy</c> to
/// a fresh EventStoreDB node, the services run there (with the same key store: keys are never copied), and every query
/// answers as it did on SQLite, times included: the views, status logs, searches, the audit log and time travel by
/// time, a forgotten lead still forgotten. Only global positions differ, each store giving its own.
/// </summary>
[Collection(SqlitePlatformCollection.Name)]
public sealed partial class StoreSwitchTests(SqlitePlatform platform)
{
    private const long ForgottenLead = 4901;

    private static readonly string[] Searches = ["0327", "050-81", "stefan", "muller", "switch", "[erased]", "0909"];

    private readonly LeadPlatform source = platform.Running();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_history_copied_to_a_fresh_node_answers_every_query_as_on_sqlite()
    {
        await LeadStory.WriteOnceAsync(source, Cancel);
        var last = await WriteForgottenLeadAsync();
        await source.WaitForProjectionsAsync(last, Cancel);
        var before = await AnswersAsync(source);

        await using var target = new EventStoreDbPlatform();
        var keys = Path.Combine(target.DataDirectory, "keys.db");
        Directory.CreateDirectory(target.DataDirectory);
        BackUp(Path.Combine(source.DataDirectory, "keys.db"), keys);
        await target.InitializeAsync();
        var node = ((EventStoreDbPlatformEventStore)target.Running().Store).ConnectionString;
        var (exit, output) = await CommandLineTool.RunAsync(source, Cancel,
            "store", "copy", "--from", Path.Combine(source.DataDirectory, "events.db"), "--to", node, "--verify", "--state", Path.Combine(target.DataDirectory, "copy.json"));
        Assert.True(exit == 0, output);
        var head = await target.Store.LastEventPositionAsync(Cancel);
        await target.WaitForProjectionsAsync(head!.Value.Commit, Cancel);

        Assert.Contains("identical", output);
        Assert.Equal(before, await AnswersAsync(target));
    }

    /// <summary>Every answer the read side gives about the data, as text, with the store's own positions left out.</summary>
    private static async Task<List<string>> AnswersAsync(LeadPlatform platform)
    {
        var answers = await ReadModelSnapshot.TakeAsync(platform, Searches, Cancel);
        foreach (var lead in new[] { LeadStory.LeadId, ForgottenLead })
        {
            var history = await platform.Queries.GetLeadHistoryAsync(new GetLeadHistoryRequest { LeadId = lead, PageSize = 100 }, cancellationToken: Cancel);
            answers.Add($"history {history}");
            foreach (var recorded in history.Events)
            {
                var asOf = await platform.Queries.GetLeadAsOfAsync(new GetLeadAsOfRequest { LeadId = lead, At = recorded.RecordedAt }, cancellationToken: Cancel);
                answers.Add($"as of {recorded.RecordedAt}: {asOf}");
            }
        }

        return [.. answers.Select(a => Position().Replace(a, "\"position\": _"))];
    }

    [GeneratedRegex("\"position\": \"?[0-9]+\"?")]
    private static partial Regex Position();

    private async Task<ulong> WriteForgottenLeadAsync()
    {
        await source.Commands.InitializeLeadAsync(new InitializeLeadRequest
        {
            LeadId = ForgottenLead, Name = "Switch Forgotten", Email = "switch@forgotten.example", Phone = "0909 4901", CommandId = "e2e-switch-4901",
        }, cancellationToken: Cancel);
        using var admin = TestTokens.Channel(source.CommandService.Address, TestTokens.For([Leads.Security.LeadsRoles.Admin], "ops-anna"));
        var forgotten = await new LeadCommands.LeadCommandsClient(admin).ForgetLeadAsync(
            new ForgetLeadRequest { LeadId = ForgottenLead, Reason = "switch test" }, cancellationToken: Cancel);
        return forgotten.Receipt.Position;
    }

    /// <summary>The key store as it is now (SQLite's online backup: the source's services keep it open).</summary>
    private static void BackUp(string from, string to)
    {
        using var source = new SqliteConnection($"Data Source={from};Mode=ReadOnly;Pooling=False");
        using var target = new SqliteConnection($"Data Source={to};Pooling=False");
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }
}
