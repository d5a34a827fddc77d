/** Distances between coordinates and nearest-office ranking. */
import type { Office } from './types';

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km (haversine). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Offices with coordinates, nearest first, each with its distance in km. */
export function rankByDistance(offices: readonly Office[], lat: number, lon: number): Array<{ office: Office; distanceKm: number }> {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
    throw new RangeError(`invalid coordinates: lat=${lat}, lon=${lon}`);
  const ranked: Array<{ office: Office; distanceKm: number }> = [];
  for (const office of offices) {
    if (office.location.status === 'missing') continue;
    ranked.push({ office, distanceKm: haversineKm(lat, lon, office.location.lat, office.location.lon) });
  }
  return ranked.sort((a, b) => a.distanceKm - b.distanceKm);
}
