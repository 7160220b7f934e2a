namespace FlashTrader.Mexc.Protobuf;

/// <summary>The protobuf wire types. 3 and 4 (groups) are deprecated and rejected; 6 and 7 do not exist.</summary>
public enum WireType : byte
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}
