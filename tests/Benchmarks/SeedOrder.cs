namespace Leads.Benchmarks;

/// <summary>How a seeded history lies in the global log.</summary>
internal enum SeedOrder
{
    /// <summary>Leads' events spread through the whole log with random gaps, as in real use (<see cref="InterleavedSchedule"/>).</summary>
    Interleaved,

    /// <summary>Each lead's events one after the other (one append per lead): the easy case for a projector, kept for comparison.</summary>
    Contiguous,
}
