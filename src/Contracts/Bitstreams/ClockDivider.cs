namespace IceFarm.Contracts.Bitstreams;

/// <summary>
/// How iCEFARM's generated circuits reach a target frequency (hardware.md §5.4): a counter on the
/// 48 MHz clock that wraps after <c>int(48e6/hz − 1)</c>, so it emits one rising edge every
/// divider + 1 cycles. Storing the divider rather than the requested frequency makes a simulated
/// board report what the real circuit would count, including the quantisation at high frequencies.
/// </summary>
internal static class ClockDivider
{
    public const double ClockHz = 48_000_000;

    // Python's int() truncates exactly; a double quotient that should be an integer can land one ulp
    // below it, so a tiny relative slack keeps FromFrequency(ToFrequency(d)) == d for every d.
    private const double RelativeSlack = 1e-12;

    /// <summary>The slowest frequency a 32-bit divider can reach.</summary>
    public static double MinimumHz => ClockHz / (uint.MaxValue + 1.0);

    /// <summary>The divider of a target frequency, as iCEFARM's <c>generate_circuit</c> computes it.</summary>
    public static uint FromFrequency(double frequencyHz)
    {
        if (!double.IsFinite(frequencyHz) || frequencyHz < MinimumHz || frequencyHz > ClockHz)
        {
            throw new ArgumentOutOfRangeException(
                nameof(frequencyHz),
                frequencyHz,
                $"A generated circuit divides the 48 MHz clock, so its frequency must lie between {MinimumHz:G3} Hz and 48 MHz.");
        }

        var cycles = ClockHz / frequencyHz;
        var divider = Math.Floor(cycles - 1 + (cycles * RelativeSlack));
        return (uint)Math.Clamp(divider, 0, uint.MaxValue);
    }

    /// <summary>The frequency a circuit with this divider really produces.</summary>
    public static double ToFrequency(uint divider) => ClockHz / (divider + 1.0);
}
