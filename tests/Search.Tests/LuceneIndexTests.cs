using Leads.EventStore;
using Leads.Search.Lucene;
using Leads.Testing;
using Leads.Testing.Contracts;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace Leads.Search.Tests;

/// <summary>What only the Lucene index promises: the checkpoint in the commit data, readers in other processes.</summary>
public sealed class LuceneIndexTests : IDisposable
{
    private readonly TempDirectory _folder = new("leads-search-");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private LuceneSearchIndexOptions Options => new(_folder.Path);

    [Fact]
    public async Task The_checkpoint_is_the_user_data_of_the_lucene_commit()
    {
        await using (var index = new LuceneLeadSearchIndex(Options))
        {
            await index.CommitAsync(Batch(SearchLeads.Fold(1, SearchLeads.Story1410)) with { Checkpoint = new GlobalPosition(42, 41) }, Cancel);
        }

        using var directory = FSDirectory.Open(_folder.Path);
        using var reader = DirectoryReader.Open(directory);
        Assert.Equal(("42", "41"), (reader.IndexCommit.UserData["checkpoint.commit"], reader.IndexCommit.UserData["checkpoint.prepare"]));
    }

    [Fact]
    public async Task A_reader_on_the_folder_sees_a_writers_batch_after_its_commit()
    {
        await using var writer = new LuceneLeadSearchIndex(Options);
        using var reader = new LuceneLeadSearchReader(Options);
        Assert.Empty(await reader.SearchAsync(Query("03-2724"), Cancel));

        await writer.CommitAsync(Batch(SearchLeads.Fold(1, SearchLeads.Story1410)), Cancel);

        await Eventually.IsTrueAsync(async () => (await reader.SearchAsync(Query("03-2724"), Cancel)).Count == 1,
            TimeSpan.FromSeconds(1), "the reader to see the batch", Cancel);
    }

    [Fact]
    public async Task A_reader_reports_the_checkpoint_of_the_commit_it_sees()
    {
        await using var writer = new LuceneLeadSearchIndex(Options);
        using var reader = new LuceneLeadSearchReader(Options);

        await writer.CommitAsync(Batch(SearchLeads.Fold(1, SearchLeads.Story1410)), Cancel);
        await writer.FlushAsync(Cancel);

        await Eventually.IsTrueAsync(async () => await reader.ReadCheckpointAsync(Cancel) == GlobalPosition.FromSequence(8),
            TimeSpan.FromSeconds(1), "the reader to see checkpoint 8", Cancel);
    }

    [Fact]
    public async Task A_readers_checkpoint_is_that_of_the_newest_commit_even_within_its_reopen_interval()
    {
        await using var writer = new LuceneLeadSearchIndex(Options);
        using var reader = new LuceneLeadSearchReader(Options with { ReopenInterval = TimeSpan.FromHours(1) });
        await writer.CommitAsync(Batch(SearchLeads.Fold(1, SearchLeads.Story1410)), Cancel);
        await writer.FlushAsync(Cancel);
        var first = await reader.ReadCheckpointAsync(Cancel);

        var bert = SearchLeads.Fold(100, SearchLeads.Initialized(2, "Bert", "bert@example.com", "0987 654"));
        await writer.CommitAsync(Batch(bert), Cancel);
        await writer.FlushAsync(Cancel);

        Assert.Equal(GlobalPosition.FromSequence(8), first);
        Assert.Equal(bert.Position, await reader.ReadCheckpointAsync(Cancel));
        Assert.Single(await reader.SearchAsync(Query("bert"), Cancel));
    }

    [Fact]
    public async Task A_reader_on_a_folder_without_an_index_finds_nothing()
    {
        using var reader = new LuceneLeadSearchReader(Options with { Path = Path.Combine(_folder.Path, "none") });

        Assert.Equal((0, (GlobalPosition?)null), ((await reader.SearchAsync(Query("anna"), Cancel)).Count, await reader.ReadCheckpointAsync(Cancel)));
    }

    [Fact]
    public async Task A_second_writer_on_the_same_folder_is_refused()
    {
        await using var writer = new LuceneLeadSearchIndex(Options);

        Assert.Throws<LockObtainFailedException>(() => new LuceneLeadSearchIndex(Options));
    }

    [Fact]
    public async Task Batches_are_not_committed_one_by_one()
    {
        await using var writer = new LuceneLeadSearchIndex(Options with { CommitInterval = TimeSpan.FromHours(1) });
        await writer.CommitAsync(Batch(SearchLeads.Fold(1, SearchLeads.Story1410)), Cancel);
        await writer.FlushAsync(Cancel);
        using var directory = FSDirectory.Open(_folder.Path);
        var generation = SegmentInfos.GetLastCommitGeneration(directory);

        for (var i = 1; i <= 20; i++)
        {
            await writer.CommitAsync(Batch(SearchLeads.Fold((ulong)i * 10, SearchLeads.Initialized(i, "Anna", "a@example.com", "0123456"))), Cancel);
        }

        Assert.Equal((generation, (GlobalPosition?)GlobalPosition.FromSequence(8)), (SegmentInfos.GetLastCommitGeneration(directory), writer.CommittedCheckpoint));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Forgetting_a_lead_leaves_none_of_its_values_in_any_file_of_the_index_folder()
    {
        await using var index = new LuceneLeadSearchIndex(Options);
        var lead1410 = SearchLeads.Fold(1, SearchLeads.Story1410);
        // One segment of 51 leads: the forgotten one is 2% of it, below Lucene's default threshold for expunging.
        var others = Enumerable.Range(2000, 50).Select(id => new LeadSearchDocument(id) { Position = GlobalPosition.FromSequence((ulong)id) });
        await index.CommitAsync(Batch([lead1410, .. others]), Cancel);
        await index.FlushAsync(Cancel);
        Assert.NotEmpty(FilesHolding("stefan@old.example"));

        var forgotten = LeadSearchProjection.Forgotten(lead1410, new Domain.Events.LeadForgotten(1410, "asked", DateTimeOffset.UnixEpoch, "ops", ["name"], []))
            with { Position = GlobalPosition.FromSequence(3000) };
        await index.CommitAsync(new([new("lead-1410", forgotten, forgotten.Position, lead1410.Position)], [], forgotten.Position), Cancel);

        foreach (var value in new[] { "stefan@old.example", "stefan@new.example", "0327243457", "0508139904", "stefan", "Stefan" })
        {
            Assert.Empty(FilesHolding(value));
        }

        Assert.Empty(await index.SearchAsync(Query("03-2724"), Cancel));
    }

    /// <summary>The files of the index folder whose bytes contain <paramref name="value"/> (UTF-8).</summary>
    private List<string> FilesHolding(string value) =>
        [.. System.IO.Directory.GetFiles(_folder.Path).Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(value)) >= 0)];

    private static SearchQuery Query(string text) => SearchQuery.Parse(text, 10).Value!;

    private static Projections.ProjectionCommit<LeadSearchDocument> Batch(params LeadSearchDocument[] documents) =>
        new([.. documents.Select(SearchLeads.Write)], [], documents.Max(d => d.Position));
}
