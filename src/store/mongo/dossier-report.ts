import type { PipelineStage } from 'mongoose';
import { mergeReportCounts } from '../merge-report';
import type { DossierRepository } from '../ports';
import type { DossierModels } from './dossier-models';

// Months and calendar days are Vietnamese (UTC+7), exactly as the SQLite report counts them.
const TZ = '+07:00';
const vnDay = (field: string) => ({ $dateToString: { format: '%Y-%m-%d', date: field, timezone: TZ } });
const groupExpressions = {
  procedure: () => '$procedure',
  unit: () => ({ $ifNull: ['$unit', ''] }),
  month: (field: string) => ({ $dateToString: { format: '%Y-%m', date: field, timezone: TZ } }),
} as const;
const countIf = (condition: unknown) => ({ $sum: { $cond: [condition, 1, 0] } });

/** The staff report's aggregation on MongoDB (two aggregation pipelines over indexed date ranges). */
export function createMongoDossierReport(model: DossierModels['dossiers']): DossierRepository['report'] {
  return async (query) => {
    const range = { $gte: query.from, $lt: query.to };
    const receivedPipeline: PipelineStage[] = [
      { $match: { receivedAt: range } },
      {
        $group: {
          _id: groupExpressions[query.groupBy]('$receivedAt'),
          received: { $sum: 1 },
          receivedOnline: countIf({ $eq: ['$submission', 'online'] }),
          receivedInPerson: countIf({ $eq: ['$submission', 'in_person'] }),
        },
      },
    ];
    const returnedPipeline: PipelineStage[] = [
      { $match: { completedAt: range, status: { $in: [...query.returnedStatuses] } } },
      {
        $group: {
          _id: groupExpressions[query.groupBy]('$completedAt'),
          returned: { $sum: 1 },
          returnedEarly: countIf({ $lt: [vnDay('$completedAt'), vnDay('$dueAt')] }),
          returnedOnTime: countIf({ $eq: [vnDay('$completedAt'), vnDay('$dueAt')] }),
          returnedLate: countIf({ $gt: [vnDay('$completedAt'), vnDay('$dueAt')] }),
        },
      },
    ];
    const [received, returned] = await Promise.all([
      model.aggregate<{ _id: string; received: number; receivedOnline: number; receivedInPerson: number }>(receivedPipeline),
      model.aggregate<{ _id: string; returned: number; returnedEarly: number; returnedOnTime: number; returnedLate: number }>(returnedPipeline),
    ]);
    return mergeReportCounts(
      received.map(({ _id, ...counts }) => ({ group: _id, ...counts })),
      returned.map(({ _id, ...counts }) => ({ group: _id, ...counts })),
    );
  };
}
