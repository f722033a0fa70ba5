using Leads.Domain.Events;

namespace Leads.Domain.Tests;

public sealed class EvolveSpecs
{
    [Fact]
    public void The_talks_lead_1410_folds_to_its_current_state()
    {
        var state = LeadState.Fold(Leads.With(
            new StatusChanged(Leads.Id, LeadStatus.FollowUp),
            new FollowupSet(Leads.Id, new DateOnly(2016, 11, 23)),
            new ContactInfoChanged(Leads.Id, "stefan@new.example", "050-8139904", "0508139904"),
            new StatusChanged(Leads.Id, LeadStatus.Converted)));

        Assert.Equal(
            new LeadState
            {
                Exists = true,
                LeadId = 1410,
                Name = "Stefan",
                Email = "stefan@new.example",
                Phone = "050-8139904",
                PhoneDigits = "0508139904",
                Status = LeadStatus.Converted,
                FollowupOn = null,
            },
            state);
    }

    [Fact]
    public void Nothing_folds_to_a_lead_that_does_not_exist() => Assert.False(LeadState.Fold([]).Exists);
}
