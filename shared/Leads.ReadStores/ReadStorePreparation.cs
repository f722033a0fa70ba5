namespace Leads.ReadStores;

/// <summary>A read store chosen by configuration: what it is, where it lives, and what to do at start-up.</summary>
internal sealed record ReadStorePreparation(string Store, string Engine, Func<CancellationToken, Task>? PrepareAsync);
