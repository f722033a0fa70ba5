namespace Leads.Security.Tests.Fuzzing;

/// <summary>A kind of hostile request against one RPC: its category (a row of the summary) and how to make one.</summary>
public sealed record Attack(string Category, Func<FuzzContext, Random, Hostile> Make, double Weight = 1);
