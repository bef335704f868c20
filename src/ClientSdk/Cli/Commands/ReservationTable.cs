using IceFarm.Client;
using IceFarm.Contracts.Http;
using Spectre.Console;

namespace IceFarm.Cli.Commands;

/// <summary>Renders reservations for people, and shapes them for <c>--json</c>.</summary>
internal static class ReservationTable
{
    public static void Write(IAnsiConsole console, IEnumerable<ReservationResponse> reservations)
    {
        var table = new Table().AddColumns("Reservation", "Kind", "Expires (UTC)", "Boards");
        foreach (var r in reservations)
        {
            var boards = string.Join(", ", r.Devices.Select(d => $"{d.Serial} ({d.State}, {d.Worker})"));
            table.AddRow(r.Id.ToString(), Markup.Escape(r.Kind), r.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(boards));
        }

        console.Write(table);
    }

    public static ReservationResponse From(Lease lease) =>
        new(lease.Id, lease.Kind, lease.ExpiresAt, [.. lease.Devices.Select(d => new ReservedDevice(d.Serial, d.Worker, d.State.ToString().ToLowerInvariant()))],
            lease.KeepAlive is { } ttl ? System.Xml.XmlConvert.ToString(ttl) : null, lease.RenewedAt);
}
