namespace IceFarm.WorkerAgent.Uf2;

/// <summary>UF2 block flags and the RP2 extension tag used here (hardware.md §3.1, §3.3).</summary>
internal static class Uf2Flags
{
    /// <summary>The block is not for main flash; loaders skip it.</summary>
    public const uint NotMainFlash = 0x0000_0001;

    /// <summary>The block belongs to a file container.</summary>
    public const uint FileContainer = 0x0000_1000;

    /// <summary>The fileSize field holds a family id.</summary>
    public const uint FamilyIdPresent = 0x0000_2000;

    /// <summary>The last 24 data bytes hold an MD5 checksum.</summary>
    public const uint Md5Present = 0x0000_4000;

    /// <summary>Extension tags follow the payload.</summary>
    public const uint ExtensionTagsPresent = 0x0000_8000;

    /// <summary>Extension tag word (size 4, type RP2_IGNORE_BLOCK) that marks the E10 absolute block.</summary>
    public const uint IgnoreBlockTag = 0x9957_E304;
}
