// C6: saved replies, shared by the account's team. Every agent of the account may list, create,
// change and delete them (the guide gives them no role; Chatra's agents share theirs the same
// way). A keyword is unique in the account without regard to case; another account's reply does
// not exist here (404), whatever its id.
import { ErrorCode, MAX_SAVED_REPLIES, type SavedReply, type SavedReplyBody } from '@palique/protocol';
import type { Storage } from '../db/index';
import { isUniqueViolation } from '../db/index';
import { now } from '../clock';
import { newId } from '../ids';
import { AppError } from '../http/errors';
import * as repo from './repo';

/** How keywords are compared: `/Hello` and `/hello` are one shortcut. */
export const foldKeyword = (keyword: string): string => keyword.toLowerCase();

const notFound = () => new AppError(ErrorCode.SavedReplyNotFound, 404, 'This saved reply does not exist (it may have been deleted).');
const keywordTaken = (keyword: string) =>
  new AppError(ErrorCode.SavedReplyKeywordTaken, 409, `Another saved reply already has the keyword "${keyword}". Choose another keyword.`);

export class SavedRepliesService {
  constructor(private readonly storage: Storage) {}

  async list(accountId: string): Promise<SavedReply[]> {
    return (await repo.listByAccount(this.storage.db, accountId)).map(toSavedReply);
  }

  async create(accountId: string, agentId: string, body: SavedReplyBody): Promise<SavedReply> {
    const at = now();
    const row: repo.SavedReplyRow = {
      id: newId(),
      account_id: accountId,
      keyword: body.keyword,
      keyword_folded: foldKeyword(body.keyword),
      text: body.text,
      created_by: agentId,
      created_at: at,
      updated_at: at,
    };
    await this.refusingTakenKeyword(body.keyword, () =>
      this.storage.write(async (trx) => {
        if ((await repo.countByAccount(trx, accountId)) >= MAX_SAVED_REPLIES) {
          throw new AppError(ErrorCode.SavedReplyLimit, 409, `An account keeps at most ${MAX_SAVED_REPLIES} saved replies. Delete some first.`);
        }
        await repo.insert(trx, row);
      }),
    );
    return toSavedReply(row);
  }

  async update(accountId: string, id: string, body: SavedReplyBody): Promise<SavedReply> {
    const change = { keyword: body.keyword, keyword_folded: foldKeyword(body.keyword), text: body.text, updated_at: now() };
    const updated = await this.refusingTakenKeyword(body.keyword, () => this.storage.write((trx) => repo.update(trx, accountId, id, change)));
    if (!updated) throw notFound();
    const row = await repo.findById(this.storage.db, accountId, id);
    if (!row) throw notFound(); // deleted in between
    return toSavedReply(row);
  }

  async remove(accountId: string, id: string): Promise<void> {
    if (!(await this.storage.write((trx) => repo.remove(trx, accountId, id)))) throw notFound();
  }

  /** The unique index decides (two agents saving one keyword at once get one reply and one 409). */
  private async refusingTakenKeyword<R>(keyword: string, write: () => Promise<R>): Promise<R> {
    try {
      return await write();
    } catch (err) {
      if (isUniqueViolation(err)) throw keywordTaken(keyword);
      throw err;
    }
  }
}

function toSavedReply(row: repo.SavedReplyRow): SavedReply {
  return { id: row.id, keyword: row.keyword, text: row.text, createdAt: row.created_at, updatedAt: row.updated_at };
}
