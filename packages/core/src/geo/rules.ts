/**
 * Every rule of geometry (一张图) and its message, in one place. Core's
 * `RULES` catalog spreads this table, so each id is a `RuleId`.
 */
export const GEO_RULES = {
  'geometry.type': 'not a GeoJSON Polygon or MultiPolygon',
  'geometry.pointType': 'not a GeoJSON Point',
  'geometry.coordinate': 'a coordinate is a pair of decimal numbers',
  'geometry.coordinateRange': 'the coordinate lies outside the range of its coordinate system',
  'geometry.tooFewPoints': 'a ring needs at least four positions (three corners and the closing one)',
  'geometry.unclosed': 'a ring ends where it starts',
  'geometry.selfIntersection': 'a ring crosses itself',
  'geometry.zeroArea': 'a ring encloses no area',
  'geometry.limit': 'the geometry has more positions than the limit',
  'crs.unknown': 'not a coordinate system mujun converts (EPSG:4490, 4326, 4549, 4528)',
  'unitNumber.type': 'a 不动产单元号 is a string',
  'unitNumber.length': 'a 不动产单元号 has 28 characters',
  'unitNumber.division': 'characters 1–6 are not a 县级行政区划代码',
  'unitNumber.cadastralDistrict': 'characters 7–9 (地籍区) are three digits',
  'unitNumber.cadastralSubdistrict': 'characters 10–12 (地籍子区) are three digits',
  'unitNumber.parcelFeature': 'characters 13–14 (宗地特征码) are not a known code',
  'unitNumber.parcelSequence': 'characters 15–19 (宗地顺序号) are five digits, not 00000',
  'unitNumber.fixtureFeature': 'character 20 (定着物特征码) is F, L, Q or W',
  'unitNumber.fixtureUnit': 'characters 21–28 (定着物单元号) are eight digits (00000000 when 定着物特征码 is W)',
} as const;
