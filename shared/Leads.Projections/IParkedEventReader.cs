namespace Leads.Projections;

/// <summary>Lists a projection's parked events from its store, in position order.</summary>
public interface IParkedEventReader
{
    Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken);

    Task<int> CountParkedAsync(CancellationToken cancellationToken);
}
