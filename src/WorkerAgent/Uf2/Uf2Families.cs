namespace IceFarm.WorkerAgent.Uf2;

/// <summary>UF2 family ids that matter for the pico2-ice (hardware.md §3.2).</summary>
internal static class Uf2Families
{
    /// <summary>RP2040: accepted by the file system, ignored by the RP2350 ROM.</summary>
    public const uint Rp2040 = 0xE48BFF56;

    /// <summary>RP2XXX absolute (unpartitioned), also the E10 block's family.</summary>
    public const uint Absolute = 0xE48BFF57;

    /// <summary>RP2XXX data partition.</summary>
    public const uint Data = 0xE48BFF58;

    /// <summary>RP2350 Arm secure: what a pico2_ice build emits.</summary>
    public const uint Rp2350ArmSecure = 0xE48BFF59;

    /// <summary>RP2350 RISC-V.</summary>
    public const uint Rp2350RiscV = 0xE48BFF5A;

    /// <summary>RP2350 Arm non-secure.</summary>
    public const uint Rp2350ArmNonSecure = 0xE48BFF5B;

    /// <summary>Start of the XIP flash window.</summary>
    public const uint FlashBase = 0x1000_0000;

    /// <summary>Flash size of the pico2-ice (4 MiB).</summary>
    public const uint FlashSize = 4 * 1024 * 1024;

    /// <summary>Families the RP2350 ROM takes for flash without a partition table.</summary>
    public static bool IsBootableOnRp2350(uint family) => family is Absolute or Rp2350ArmSecure or Rp2350RiscV;

    /// <summary>Whether <paramref name="address"/> lies in the board's flash.</summary>
    public static bool IsInFlash(uint address) => address >= FlashBase && address - FlashBase < FlashSize;
}
