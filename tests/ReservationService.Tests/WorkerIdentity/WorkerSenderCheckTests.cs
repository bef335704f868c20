using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Workers;
using IceFarm.FarmData.Devices;
using IceFarm.ReservationService.Devices;
using IceFarm.ReservationService.Workers.Identity;
using Xunit;

namespace IceFarm.ReservationService.Tests.WorkerIdentity;

/// <summary>Who may say what over the bus: the pure decisions behind the sender filter and the board claims.</summary>
public sealed class When_the_service_judges_who_sent_a_message
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    [Fact]
    public void A_report_is_believed_only_from_the_broker_user_of_the_worker_it_names()
    {
        var report = new DeviceStateChanged("w1", "S1", DeviceState.Broken, DeviceHealth.Bad, "r", null, At);
        Assert.Null(WorkerSenderCheck.Refusal(report, "worker-w1"));
        Assert.Contains("'worker-w2'", WorkerSenderCheck.Refusal(report, "worker-w2"), StringComparison.Ordinal);
        Assert.Contains("(none stamped)", WorkerSenderCheck.Refusal(report, null), StringComparison.Ordinal);
        // A service's user is not a worker's either: the service never reports for a worker.
        Assert.NotNull(WorkerSenderCheck.Refusal(report, "icefarm-service"));
    }

    [Fact]
    public void A_services_message_from_a_workers_user_is_refused_and_from_anyone_else_passes()
    {
        var end = new EndReservationByAdmin(Guid.NewGuid(), "alice", "because");
        Assert.NotNull(WorkerSenderCheck.Refusal(end, "worker-w1"));
        Assert.Null(WorkerSenderCheck.Refusal(end, null));
        Assert.Null(WorkerSenderCheck.Refusal(end, "icefarm-admin"));
    }

    [Fact]
    public void Every_report_a_worker_publishes_is_one_its_broker_user_may_write_and_nothing_else_is()
    {
        var reports = typeof(IWorkerMessage).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IWorkerMessage)))
            .Select(t => $"{t.Namespace}:{t.Name}")
            .ToList();
        var script = File.ReadAllText(Path.Combine(IceFarm.Testing.RepositoryRoot.Path, "eng", "broker-users.sh"));
        var pattern = script.Split('\n').Single(l => l.StartsWith("REPORTS=", StringComparison.Ordinal))["REPORTS=".Length..].Trim('\'');
        var allowed = new System.Text.RegularExpressions.Regex($"^{pattern}$");

        Assert.All(reports, r => Assert.Matches(allowed, r));
        Assert.DoesNotMatch(allowed, "IceFarm.Contracts.Workers:DrainWorker");
        Assert.DoesNotMatch(allowed, "IceFarm.Contracts.Admin:EndReservationByAdmin");
        Assert.Equal(8, reports.Count);
    }

    [Theory]
    [InlineData("w1", true, DeviceState.Available, false)] // its own board
    [InlineData("w2", true, DeviceState.Available, true)] // another live worker still has it
    [InlineData("w2", true, DeviceState.Offline, false)] // its owner reported it gone: moved to another host
    [InlineData("w2", false, DeviceState.Available, false)] // its owner is offline
    public void A_board_is_taken_from_its_worker_only_once_it_left_it(string claimant, bool ownerOnline, DeviceState state, bool refused)
    {
        var board = new DeviceView { Id = "device-S1", Serial = "S1", Worker = "w1", State = state };
        Assert.Equal(refused, BoardOwnership.Refusal(board, claimant, ownerOnline) is not null);
        Assert.Null(BoardOwnership.Refusal(null, claimant, ownerOnline));
    }
}
