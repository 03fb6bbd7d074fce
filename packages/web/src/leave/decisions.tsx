import { type ReactNode, useState } from 'react';
import { App, Button, Input, Modal, Space } from 'antd';
import { api, refusalText } from '../api/client';

/** The words of a request list's decisions, in the page's language. */
export interface DecisionTexts {
  done: string;
  approve: string;
  refuse: string;
  refuseNote: string;
}

/**
 * Deciding on requests (leave, swaps, overtime): `act` posts `<path>/<id>/<action>`, says it is done
 * and reloads the list; a refusal first asks the leader why, in `refusal`, rendered once beside the list.
 *
 * @example
 * const { act, approveOrRefuse, refusal } = useDecisions('/api/v1/leave', load, m);
 * render: (_, l) => approveOrRefuse(l)
 */
export function useDecisions<T extends { id: string }>(path: string, reload: () => Promise<void>, texts: DecisionTexts) {
  const { message } = App.useApp();
  const [refusing, setRefusing] = useState<T | null>(null);
  const [note, setNote] = useState('');
  const act = async (item: T, action: string, body: unknown = {}) => {
    try {
      await api('POST', `${path}/${item.id}/${action}`, body);
      void message.success(texts.done);
      setRefusing(null);
      await reload();
    } catch (err) {
      void message.error(refusalText(err));
    }
  };
  const approveOrRefuse = (item: T, { approvable = true } = {}): ReactNode => (
    <Space>
      <Button size="small" type="primary" disabled={!approvable} onClick={() => void act(item, 'approve')}>
        {texts.approve}
      </Button>
      <Button
        size="small"
        danger
        onClick={() => {
          setRefusing(item);
          setNote('');
        }}
      >
        {texts.refuse}
      </Button>
    </Space>
  );
  const refusal = (
    <Modal open={refusing !== null} title={texts.refuse} okText={texts.refuse} onOk={() => refusing && void act(refusing, 'refuse', { note })} onCancel={() => setRefusing(null)}>
      <Input.TextArea aria-label={texts.refuseNote} rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
    </Modal>
  );
  return { act, approveOrRefuse, refusal };
}
