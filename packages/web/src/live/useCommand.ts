import { useCallback } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';

/**
 * Sends a floor command; a refusal (409 when the state does not allow it) is shown to the user
 * with the server's reason. The live feed, not the answer, moves the screen on.
 *
 * @example
 * const command = useCommand();
 * await command('POST', '/api/v1/desktop/answer');
 */
export function useCommand() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    async (method: string, path: string, body?: unknown): Promise<boolean> => {
      try {
        await api(method, path, body);
        return true;
      } catch (err) {
        void message.error(t('errors.generic', { message: (err as Error).message }));
        return false;
      }
    },
    [message, t],
  );
}
