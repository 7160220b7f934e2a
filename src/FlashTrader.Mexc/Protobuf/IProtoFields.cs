namespace FlashTrader.Mexc.Protobuf;

/// <summary>
/// The fields of one message type, filled by <see cref="ProtoReader.TryReadFields{TFields}"/>: implement it on a
/// (ref) struct so the loop is specialised and the switch inlined, with nothing allocated.
/// </summary>
public interface IProtoFields
{
    /// <summary>
    /// Reads the value of the field whose tag was just read (its wire type and offset are on the reader). False stops
    /// the message; a malformed value leaves its error on the reader.
    /// </summary>
    bool TryReadField(ref ProtoReader reader, int fieldNumber);
}
