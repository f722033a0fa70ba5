using Leads.Search;

namespace Leads.Testing.Contracts;

/// <summary>
/// How a search contract gets the index of one adapter: opened empty the first time, the same storage on every reopen
/// within one test, and removed when the test is disposed. An adapter whose server is not reachable calls
/// <c>Assert.Skip</c> from <see cref="OpenAsync"/> with the reason.
/// </summary>
public interface ISearchIndexHost : IAsyncDisposable
{
    Task<ILeadSearchIndex> OpenAsync();

    /// <summary>Closes an index so that reopening it shows only what is durable.</summary>
    Task CloseAsync(ILeadSearchIndex index);
}
