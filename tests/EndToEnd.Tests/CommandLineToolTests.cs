using Leads.Contracts.V1;
using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>The operator's path: seed demo data, search it, look at a lead's history and time travel, reset a projection.</summary>
public abstract class CommandLineToolTests(LeadPlatform platform)
{
    private readonly LeadPlatform platform = platform.Running();

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seed_loads_the_talks_leads_and_generated_ones_and_a_second_seed_writes_nothing()
    {
        await LeadStory.WriteOnceAsync(platform, Cancel);

        var first = await CommandLineTool.RunAsync(platform, Cancel, "seed", "--count", "25", "--first-id", "600000");
        // The last event any producer wrote (EventStoreDB's own system events move the head of $all on their own).
        var headAfterFirst = await platform.Store.LastEventPositionAsync(Cancel);
        var again = await CommandLineTool.RunAsync(platform, Cancel, "seed", "--count", "25", "--first-id", "600000");
        var headAfterAgain = await platform.Store.LastEventPositionAsync(Cancel);

        // 1410 already exists (written by the story with other command ids): 3 talk leads + 25 generated.
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("28 lead(s) seeded, 1 already there", first.Output, StringComparison.Ordinal);
        // The second seed repeats the same command ids: the command service answers from its idempotency record.
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(headAfterFirst, headAfterAgain);
        var generated = await platform.Queries.GetLeadAsync(new GetLeadRequest { LeadId = 600024, MinPosition = 1 }, cancellationToken: Cancel);
        Assert.Equal(600024, generated.LeadId);
    }

    [Fact]
    public async Task Search_history_and_as_of_print_the_lead()
    {
        var story = await LeadStory.WriteOnceAsync(platform, Cancel);

        var search = await CommandLineTool.RunAsync(platform, Cancel, "search", LeadStory.OldPhone);
        var history = await CommandLineTool.RunAsync(platform, Cancel, "lead", "history", "1410");
        var asOf = await CommandLineTool.RunAsync(platform, Cancel, "lead", "as-of", "1410", "--revision", story.FollowUp.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var missing = await CommandLineTool.RunAsync(platform, Cancel, "lead", "get", "999999999");

        Assert.True(search.ExitCode == 0 && search.Output.Contains("historical", StringComparison.Ordinal), search.Output);
        Assert.True(history.ExitCode == 0 && history.Output.Contains("FollowupSet.v1", StringComparison.Ordinal), history.Output);
        Assert.True(asOf.ExitCode == 0 && asOf.Output.Contains("FollowUp", StringComparison.Ordinal), asOf.Output);
        Assert.True(missing.ExitCode == 1 && missing.Output.Contains("NotFound", StringComparison.Ordinal), missing.Output);
    }

    [Fact]
    public async Task Projections_reset_follows_the_replay_until_caught_up()
    {
        await LeadStory.WriteOnceAsync(platform, Cancel);

        var reset = await CommandLineTool.RunAsync(platform, Cancel, "projections", "reset", LeadPlatform.SearchProjection);
        var list = await CommandLineTool.RunAsync(platform, Cancel, "projections", "list");

        Assert.True(reset.ExitCode == 0 && reset.Output.Contains("has caught up", StringComparison.Ordinal), reset.Output);
        Assert.True(list.ExitCode == 0 && list.Output.Contains(LeadPlatform.ViewsProjection, StringComparison.Ordinal), list.Output);
    }

    [Fact]
    public async Task Privacy_retention_dry_run_says_the_policy_is_off_and_nothing_runs_without_dry_run()
    {
        var dryRun = await CommandLineTool.RunAsync(platform, Cancel, "privacy", "retention", "--dry-run");
        var withoutDryRun = await CommandLineTool.RunAsync(platform, Cancel, "privacy", "retention");

        Assert.True(dryRun.ExitCode == 0 && dryRun.Output.Contains("retention policy off", StringComparison.Ordinal), dryRun.Output);
        Assert.True(withoutDryRun.ExitCode != 0 && withoutDryRun.Output.Contains("only --dry-run", StringComparison.Ordinal), withoutDryRun.Output);
    }

    [Collection(SqlitePlatformCollection.Name)]
    public sealed class OnSqlite(SqlitePlatform platform) : CommandLineToolTests(platform);

    [Collection(EventStoreDbPlatformCollection.Name)]
    public sealed class OnEventStoreDb(EventStoreDbPlatform platform) : CommandLineToolTests(platform);
}
