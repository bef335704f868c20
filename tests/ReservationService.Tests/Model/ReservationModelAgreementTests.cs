using IceFarm.FarmData.Reservations;
using IceFarm.ReservationService.Reservations.Model;
using Xunit;

namespace IceFarm.ReservationService.Tests.Model;

/// <summary>
/// The write model (<see cref="ReservationEvolution"/>) and the read model (<see cref="ReservationViewProjection"/>) fold
/// the same reservation events to the same facts: whether it is active, its expiry, each board's state, which boards
/// were replaced. Random event sequences (seeded, so a failure repeats) over a few boards, including events a stream
/// should never hold in that order, so that both tolerate the same out-of-place events.
/// </summary>
public sealed class ReservationModelAgreementTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Both_models_agree_after_any_sequence_of_reservation_events(int seed)
    {
        var events = RandomStream(new Random(seed));

        var written = ReservationEvolution.Fold(events)!;
        var view = ReservationViewProjection.Create((ReservationGranted)events[0]);
        foreach (var e in events.Skip(1))
        {
            Apply(e, view);
        }

        Assert.Equal(view.Active, written.Active);
        Assert.Equal(view.ExpiresAt, written.ExpiresAt);
        Assert.Equal(view.WarnedFor, written.WarnedFor);
        Assert.Equal(view.NoReplacement, written.NoReplacement);
        // The read model lists a board replaced twice twice; the write model holds a set (and never replaces a board twice).
        Assert.Equal(view.ReplacedSerials.Distinct().Order(), written.Replaced.Order());
        Assert.Equal(
            view.Devices.Select(d => (d.Serial, d.Worker, State: d.State.ToString())),
            written.Boards.Select(b => (b.Serial, b.Worker, State: b.State.ToString())));
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 200)];

    private static List<object> RandomStream(Random random)
    {
        var id = Guid.NewGuid();
        var serials = new List<string> { "A", "B", "C" };
        var at = T0;
        var events = new List<object>
        {
            new ReservationGranted(id, "client", "pulsecount", new Dictionary<string, string>(),
                [new GrantedDevice("A", "w1"), new GrantedDevice("B", "w1"), new GrantedDevice("C", "w2")],
                T0.AddHours(1), T0, NoReplacement: random.Next(4) == 0),
        };
        for (var i = random.Next(1, 25); i > 0; i--)
        {
            at = at.AddSeconds(random.Next(1, 60));
            var serial = random.Next(10) == 0 ? "Z" : serials[random.Next(serials.Count)]; // Z: never the reservation's
            events.Add(random.Next(9) switch
            {
                0 or 1 => new ReservationDeviceReady(id, serial, at),
                2 => new ReservationDeviceRebooting(id, serial, "client", at),
                3 => new ReservationDeviceReleased(id, serial, "released", "client", at),
                4 => Replaced(id, serial, serials, at),
                5 => new ReservationExtended(id, at.AddHours(random.Next(1, 5)), "client", at),
                6 => new ReservationEndingSoonWarned(id, at.AddMinutes(5), at),
                7 => new ReservationDeviceReady(id, serial, at),
                _ => random.Next(4) == 0 ? new ReservationEnded(id, ReservationEndReason.EndedByClient, "client", at) : new ReservationDeviceReady(id, serial, at),
            });
        }

        return events;
    }

    private static ReservationDeviceReplaced Replaced(Guid id, string serial, List<string> serials, DateTimeOffset at)
    {
        var replacement = $"R{serials.Count}";
        serials.Add(replacement);
        return new ReservationDeviceReplaced(id, serial, new GrantedDevice(replacement, "w3"), "Broken", at);
    }

    private static void Apply(object e, ReservationView view)
    {
        switch (e)
        {
            case ReservationDeviceReady ready: ReservationViewProjection.Apply(ready, view); break;
            case ReservationDeviceRebooting rebooting: ReservationViewProjection.Apply(rebooting, view); break;
            case ReservationDeviceReleased released: ReservationViewProjection.Apply(released, view); break;
            case ReservationDeviceReplaced replaced: ReservationViewProjection.Apply(replaced, view); break;
            case ReservationExtended extended: ReservationViewProjection.Apply(extended, view); break;
            case ReservationEndingSoonWarned warned: ReservationViewProjection.Apply(warned, view); break;
            case ReservationEnded ended: ReservationViewProjection.Apply(ended, view); break;
            default: throw new InvalidOperationException($"No Apply for {e.GetType().Name}");
        }
    }
}
