namespace Leads.Search;

/// <summary>Which of a lead's values a search hit matched.</summary>
public enum MatchedField
{
    Name = 1,
    Email = 2,
    Phone = 3,
}
