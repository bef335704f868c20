namespace IceFarm.ReservationService.Reservations;

/// <summary>One board in the <see cref="FreeBoardIndex"/>; mutated only under the index's lock.</summary>
internal sealed class IndexedBoard(string serial)
{
    public string Serial { get; } = serial;

    public string? Worker { get; set; }

    /// <summary>Idle on its worker and not held out by the farm (<see cref="FarmData.Devices.DeviceView.IsAvailable"/>).</summary>
    public bool Available { get; set; }

    /// <summary>The reservation holding it, as last seen.</summary>
    public Guid? Holder { get; set; }

    public bool Free => Available && Holder is null;

    /// <summary>Handed to a grant attempt that has not settled yet.</summary>
    public bool Claimed { get; set; }

    /// <summary>When it was last observed; a reload that started earlier must not overwrite it.</summary>
    public long Sequence { get; set; }

    /// <summary>Where it sits in its worker's free list, or -1.</summary>
    public int Position { get; set; } = -1;
}
