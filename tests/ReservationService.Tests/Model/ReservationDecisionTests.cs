using IceFarm.FarmData.Reservations;
using IceFarm.ReservationService.Reservations.Model;
using Xunit;

namespace IceFarm.ReservationService.Tests.Model;

/// <summary>The reservation's rules as pure functions: what each action appends, given the state the stream folds to.</summary>
public sealed class ReservationDecisionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();

    [Fact]
    public void An_extension_moves_the_expiry_up_to_the_cap_and_never_shortens_it_or_touches_an_ended_reservation()
    {
        var granted = Granted(); // expires T0 + 1 h
        var maxTotal = TimeSpan.FromHours(24);

        var (longer, appended) = ReservationDecisions.Extend(granted, TimeSpan.FromHours(2), maxTotal, "client", T0.AddMinutes(10));
        Assert.Equal(T0.AddMinutes(130), longer);
        Assert.Equal(new ReservationExtended(Id, T0.AddMinutes(130), "client", T0.AddMinutes(10)), Assert.Single(appended));

        var (capped, _) = ReservationDecisions.Extend(granted, TimeSpan.FromHours(48), maxTotal, "client", T0.AddMinutes(10));
        Assert.Equal(T0 + maxTotal, capped);

        var (kept, none) = ReservationDecisions.Extend(granted, TimeSpan.FromMinutes(5), maxTotal, "client", T0.AddMinutes(10));
        Assert.Equal(T0.AddHours(1), kept);
        Assert.Empty(none);

        var ended = Fold(new ReservationEnded(Id, ReservationEndReason.EndedByClient, "client", T0.AddMinutes(1)));
        var (gone, nothing) = ReservationDecisions.Extend(ended, TimeSpan.FromHours(2), maxTotal, "client", T0.AddMinutes(10));
        Assert.Null(gone);
        Assert.Empty(nothing);
    }

    [Fact]
    public void A_board_is_ready_once_and_only_when_its_own_worker_says_so()
    {
        var granted = Granted();

        var (ready, events) = ReservationDecisions.MarkReady(granted, "A", "w1", T0);
        Assert.Equal(ReadyDecision.Ready, ready);
        Assert.Equal(new ReservationDeviceReady(Id, "A", T0), Assert.Single(events));

        Assert.Equal(ReadyDecision.WrongWorker, ReservationDecisions.MarkReady(granted, "A", "w2", T0).Decision);
        Assert.Equal(ReadyDecision.Ignored, ReservationDecisions.MarkReady(granted, "Z", "w1", T0).Decision);

        var alreadyReady = Fold(new ReservationDeviceReady(Id, "A", T0));
        Assert.Equal(ReadyDecision.Ignored, ReservationDecisions.MarkReady(alreadyReady, "A", "w1", T0).Decision);

        var released = Fold(new ReservationDeviceReleased(Id, "A", "released", "client", T0));
        Assert.Equal(ReadyDecision.Ignored, ReservationDecisions.MarkReady(released, "A", "w1", T0).Decision);
    }

    [Fact]
    public void Only_a_ready_board_of_an_active_reservation_reboots_and_the_reboot_makes_it_prepare_again()
    {
        Assert.Empty(ReservationDecisions.Reboot(Granted(), "A", "client", T0)); // still preparing

        var ready = Fold(new ReservationDeviceReady(Id, "A", T0));
        var reboot = Assert.Single(ReservationDecisions.Reboot(ready, "A", "client", T0));
        Assert.Equal(ReservationBoardState.Preparing, ReservationEvolution.Evolve(ready, reboot)!.Board("A")!.State);

        var ended = ReservationEvolution.Evolve(ready, new ReservationEnded(Id, ReservationEndReason.Expired, "farm", T0))!;
        Assert.Empty(ReservationDecisions.Reboot(ended, "A", "client", T0));
    }

    [Fact]
    public void A_reservation_ends_once_and_a_failed_board_is_replaced_once_unless_the_client_opted_out()
    {
        var granted = Granted();
        var end = Assert.Single(ReservationDecisions.End(granted, ReservationEndReason.WorkerLost, "farm", T0, "w1 lost"));
        Assert.Empty(ReservationDecisions.End(ReservationEvolution.Evolve(granted, end)!, ReservationEndReason.Expired, "farm", T0));

        var replacement = new GrantedDevice("R", "w3");
        var replace = Assert.Single(ReservationDecisions.Replace(granted, "A", replacement, "Broken", T0));
        var replaced = ReservationEvolution.Evolve(granted, replace)!;
        Assert.Equal(ReservationBoardState.Preparing, replaced.Board("R")!.State);
        Assert.Empty(ReservationDecisions.Replace(replaced, "A", new GrantedDevice("S", "w3"), "Broken", T0));

        var optedOut = Granted(noReplacement: true);
        Assert.Empty(ReservationDecisions.Replace(optedOut, "A", replacement, "Broken", T0));
    }

    private static Reservation Granted(bool noReplacement = false) => ReservationEvolution.Fold([GrantOf(noReplacement)])!;

    private static ReservationGranted GrantOf(bool noReplacement) =>
        new(Id, "client", "pulsecount", new Dictionary<string, string>(), [new GrantedDevice("A", "w1"), new GrantedDevice("B", "w2")],
            T0.AddHours(1), T0, NoReplacement: noReplacement);

    private static Reservation Fold(params object[] after) => ReservationEvolution.Fold([GrantOf(false), .. after])!;
}
