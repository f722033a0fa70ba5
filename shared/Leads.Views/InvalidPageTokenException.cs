namespace Leads.Views;

/// <summary>A page token that this listing did not issue (malformed, tampered, or for another status filter).</summary>
public sealed class InvalidPageTokenException(string message) : ArgumentException(message, "page_token");
