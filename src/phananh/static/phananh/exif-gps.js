// Reads what the report form needs from the start of a JPEG, before the photo is shrunk on a canvas
// (which drops EXIF): the GPS position the camera wrote (APP1 "Exif" → TIFF → GPS IFD) and the
// pixel size (SOF). Every offset is checked against the data; anything malformed gives null.
// window.phananhJpeg.inspect(arrayBuffer) → { gps: {lat, lon} | null, width, height } | null
(function (root) {
  "use strict";

  var TYPE_SIZES = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8, 13: 4 };
  var GPS_IFD_POINTER = 0x8825;

  function tiffGps(view, start, length) {
    var end = start + length;
    if (length < 8) return null;
    var mark = view.getUint16(start);
    var little = mark === 0x4949 ? true : mark === 0x4d4d ? false : null;
    if (little === null) return null;

    function within(offset, size) {
      return offset >= 0 && size >= 0 && start + offset + size <= end;
    }
    function u16(offset) { return view.getUint16(start + offset, little); }
    function u32(offset) { return view.getUint32(start + offset, little); }
    function i32(offset) { return view.getInt32(start + offset, little); }

    // Calls visit(tag, type, count, fieldOffset) for each entry of the IFD at `offset`.
    function entries(offset, visit) {
      if (!within(offset, 2)) return;
      var count = u16(offset);
      if (count > 512) return;
      for (var i = 0; i < count; i++) {
        var entry = offset + 2 + i * 12;
        if (!within(entry, 12)) return;
        visit(u16(entry), u16(entry + 2), u32(entry + 4), entry + 8);
      }
    }
    // Where an entry's value is: inside the entry when it fits in 4 bytes, else at an offset.
    function valueOffset(type, count, field) {
      var size = TYPE_SIZES[type];
      if (!size || count < 1 || count > 64) return null;
      var total = size * count;
      var offset = total <= 4 ? field : u32(field);
      return within(offset, total) ? offset : null;
    }
    function ascii(type, count, field) {
      if (type !== 2) return null;
      var offset = valueOffset(type, count, field);
      return offset === null ? null : String.fromCharCode(view.getUint8(start + offset)).toUpperCase();
    }
    // Degrees, minutes, seconds as rationals → decimal degrees (cameras also write d/1 0/1 0/1).
    function degrees(type, count, field) {
      if ((type !== 5 && type !== 10) || count > 3) return null;
      var offset = valueOffset(type, count, field);
      if (offset === null) return null;
      var parts = [];
      for (var i = 0; i < count; i++) {
        var numerator = type === 10 ? i32(offset + i * 8) : u32(offset + i * 8);
        var denominator = type === 10 ? i32(offset + i * 8 + 4) : u32(offset + i * 8 + 4);
        if (denominator === 0) return null;
        var value = numerator / denominator;
        if (!isFinite(value) || value < 0) return null;
        parts.push(value);
      }
      if ((parts[1] || 0) >= 60 || (parts[2] || 0) >= 60) return null;
      return parts[0] + (parts[1] || 0) / 60 + (parts[2] || 0) / 3600;
    }

    if (u16(2) !== 42) return null;
    var gpsIfd = null;
    entries(u32(4), function (tag, type, count, field) {
      if (tag === GPS_IFD_POINTER && (type === 4 || type === 13) && count === 1) gpsIfd = u32(field);
    });
    if (gpsIfd === null) return null;
    var found = {};
    entries(gpsIfd, function (tag, type, count, field) {
      if (tag === 1) found.latRef = ascii(type, count, field);
      else if (tag === 2) found.lat = degrees(type, count, field);
      else if (tag === 3) found.lonRef = ascii(type, count, field);
      else if (tag === 4) found.lon = degrees(type, count, field);
    });
    if (found.lat == null || found.lon == null) return null;
    if ((found.latRef !== "N" && found.latRef !== "S") || (found.lonRef !== "E" && found.lonRef !== "W")) return null;
    var lat = found.latRef === "S" ? -found.lat : found.lat;
    var lon = found.lonRef === "W" ? -found.lon : found.lon;
    if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) return null;
    // A camera without a fix often writes zeros: that is not a place anyone reports from.
    if (lat === 0 && lon === 0) return null;
    return { lat: lat, lon: lon };
  }

  function isExifHeader(view, offset) {
    // "Exif\0\0"
    return view.getUint32(offset) === 0x45786966 && view.getUint16(offset + 4) === 0;
  }

  function inspect(buffer) {
    try {
      var view = new DataView(buffer);
      var length = view.byteLength;
      if (length < 4 || view.getUint16(0) !== 0xffd8) return null;
      var result = { gps: null, width: null, height: null };
      var pos = 2;
      while (pos + 4 <= length) {
        if (view.getUint8(pos) !== 0xff) break;
        var marker = view.getUint8(pos + 1);
        if (marker === 0xff) { pos += 1; continue; }  // fill byte
        if (marker === 0xd9 || marker === 0xda) break;  // end of image, start of scan
        if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { pos += 2; continue; }
        var size = view.getUint16(pos + 2);
        if (size < 2 || pos + 2 + size > length) break;
        if (marker === 0xe1 && !result.gps && size >= 16 && isExifHeader(view, pos + 4)) {
          result.gps = tiffGps(view, pos + 10, size - 8);
        } else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc && size >= 7) {
          result.height = view.getUint16(pos + 5);
          result.width = view.getUint16(pos + 7);
        }
        pos += 2 + size;
      }
      return result;
    } catch (error) {
      return null;
    }
  }

  root.phananhJpeg = { inspect: inspect };
})(window);
