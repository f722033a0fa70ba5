namespace Leads.QueryService.Hosting;

/// <summary>
/// The embedded engines' shared folder (<c>Leads:DataDirectory</c>, default <c>.data</c> under the current
/// directory): the event store <c>events.db</c>, the lead views <c>views.db</c>, the search index <c>search/</c> and the
/// control plane <c>projections.db</c>, written by the command service and the projectors and read here.
/// </summary>
internal sealed record DataDirectory(string Path)
{
}
