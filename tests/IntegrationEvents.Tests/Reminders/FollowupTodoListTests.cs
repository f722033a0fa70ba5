using Leads.Commissions.FollowupReminders;
using Leads.Testing;

namespace IntegrationEvents.Tests.Reminders;

/// <summary>The commissions example's to-do list: what another context does with LeadFollowupDue, idempotent by MessageId.</summary>
public sealed class FollowupTodoListTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 12, 3);

    private readonly TempDirectory _directory = new();
    private readonly FollowupTodoList _todos;

    public FollowupTodoListTests() => _todos = new FollowupTodoList(_directory.File(FollowupTodoList.FileName));

    [Fact]
    public void A_repeated_due_reminder_opens_one_to_do_and_is_reported_as_handled_before()
    {
        var id = Guid.NewGuid();

        Assert.True(_todos.Remind(id, 1410, Day, sourcePosition: 7, overdue: false));
        Assert.False(_todos.Remind(id, 1410, Day, sourcePosition: 7, overdue: false));

        Assert.Equal([new FollowupTodo(1410, Day, false)], _todos.Open());
    }

    [Fact]
    public void The_overdue_reminder_flags_the_to_do()
    {
        _todos.Remind(Guid.NewGuid(), 1410, Day, 7, overdue: false);
        _todos.Remind(Guid.NewGuid(), 1410, Day, 7, overdue: true);

        Assert.Equal([new FollowupTodo(1410, Day, true)], _todos.Open());
    }

    [Fact]
    public void A_later_rescheduling_closes_the_to_do_but_the_scheduling_of_the_same_follow_up_does_not()
    {
        _todos.Remind(Guid.NewGuid(), 1, Day, 7, overdue: false);
        _todos.Remind(Guid.NewGuid(), 2, Day, 8, overdue: false);

        _todos.Close(Guid.NewGuid(), 1, sourcePosition: 7);
        _todos.Close(Guid.NewGuid(), 2, sourcePosition: 20);

        Assert.Equal([1L], _todos.Open().Select(t => t.LeadId));
    }

    public void Dispose()
    {
        _todos.Dispose();
        _directory.Dispose();
    }
}
