using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using JasperFx.Events;

namespace IceFarm.AdminApi.History;

/// <summary>
/// A board's part in its reservations, for its history: device streams no longer repeat who holds a board, so the
/// reservation events that took, extended and released this board are told as the <c>DeviceReserved</c>,
/// <c>DeviceLeaseExtended</c> and <c>DeviceReleased</c> entries operators read before.
/// </summary>
internal static class BoardReservations
{
    /// <summary>The entries of <paramref name="serial"/> in one reservation's stream, in order.</summary>
    public static IEnumerable<HistoryItem> Of(string serial, IReadOnlyList<IEvent> stream)
    {
        ReservationGranted? grant = null;
        var expiresAt = default(DateTimeOffset);
        var holds = false;
        foreach (var e in stream)
        {
            HistoryItem? entry = e.Data switch
            {
                ReservationGranted g => Take(g.Devices.Any(d => d.Serial == serial), g, g.ExpiresAt, g.At),
                ReservationDeviceReplaced r when grant is not null => Take(r.Replacement.Serial == serial, grant, expiresAt, r.At),
                ReservationExtended x when holds => new HistoryItem(e.Sequence, e.Timestamp, new DeviceLeaseExtended(serial, x.ReservationId, x.ExpiresAt, x.At)),
                ReservationDeviceReleased r when holds && r.Serial == serial => Release(new DeviceReleased(serial, r.ReservationId, r.Reason, r.At)),
                ReservationEnded x when holds => Release(new DeviceReleased(serial, x.ReservationId, x.Reason.ToString(), x.At), x.EndedBy),
                _ => null,
            };
            grant ??= e.Data as ReservationGranted;
            expiresAt = e.Data switch
            {
                ReservationGranted g => g.ExpiresAt,
                ReservationExtended x => x.ExpiresAt,
                _ => expiresAt,
            };
            if (entry is not null)
            {
                yield return entry;
            }

            HistoryItem? Take(bool isThisBoard, ReservationGranted granted, DateTimeOffset until, DateTimeOffset at)
            {
                if (!isThisBoard)
                {
                    return null;
                }

                holds = true;
                return new HistoryItem(e.Sequence, e.Timestamp, new DeviceReserved(serial, granted.ReservationId, granted.ClientId, granted.Kind, until, at));
            }

            HistoryItem Release(DeviceReleased released, string? by = null)
            {
                holds = false;
                return new HistoryItem(e.Sequence, e.Timestamp, released, by);
            }
        }
    }
}
