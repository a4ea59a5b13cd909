// The five task tools of docs/contract.md ("Endpoints the probes rely on"); each takes user_id and calls the backend.
import { z } from 'zod';
import { BackendError } from './backend.mjs';

const userId = z.string().min(1).describe('the user whose tasks these are');
const taskId = z.number().int().positive().describe('the task id');

const result = (value) => ({ content: [{ type: 'text', text: JSON.stringify(value) }] });

// A backend refusal is a tool error the caller can read, not a protocol failure.
const guarded = (handler) => async (args) => {
  try {
    return result(await handler(args));
  } catch (error) {
    if (error instanceof BackendError || error?.name === 'TimeoutError' || error instanceof TypeError) {
      return { isError: true, content: [{ type: 'text', text: error.message }] };
    }
    throw error;
  }
};

export function registerTools(server, call, { omit = [] } = {}) {
  const tools = {
    add_task: [{ description: 'Adds a task.', inputSchema: { user_id: userId, title: z.string().min(1).max(200), description: z.string().max(1000).optional() } },
      ({ user_id, title, description }) => call('POST', user_id, 'tasks', { title, description })],
    list_tasks: [{ description: "Lists a user's tasks.", annotations: { readOnlyHint: true },
      inputSchema: { user_id: userId, status: z.enum(['all', 'pending', 'completed']).optional() } },
      async ({ user_id, status = 'all' }) => (await call('GET', user_id, 'tasks'))
        .filter((t) => status === 'all' || t.completed === (status === 'completed'))],
    complete_task: [{ description: 'Toggles a task between pending and completed.', inputSchema: { user_id: userId, task_id: taskId } },
      ({ user_id, task_id }) => call('PATCH', user_id, `tasks/${task_id}/complete`)],
    delete_task: [{ description: 'Deletes a task.', annotations: { destructiveHint: true }, inputSchema: { user_id: userId, task_id: taskId } },
      async ({ user_id, task_id }) => { await call('DELETE', user_id, `tasks/${task_id}`); return { deleted: task_id }; }],
    update_task: [{ description: "Changes a task's title or description.",
      inputSchema: { user_id: userId, task_id: taskId, title: z.string().min(1).max(200).optional(), description: z.string().max(1000).optional() } },
      ({ user_id, task_id, title, description }) => call('PUT', user_id, `tasks/${task_id}`, { title, description })],
  };
  for (const [name, [config, handler]] of Object.entries(tools)) {
    if (!omit.includes(name)) server.registerTool(name, config, guarded(handler));
  }
}
