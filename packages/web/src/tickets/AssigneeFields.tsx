import { useEffect, useState } from 'react';
import { Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Profile, Team, TicketAssigneeNames } from '@banzu/contract';
import type { Assignee } from '@banzu/core';
import { api } from '../api/client';

type Kind = Assignee['kind'];
const kinds: Kind[] = ['user', 'team', 'department', 'field_team'];

/** A department or field team by a name used before, or a new one spelled out on purpose ("新增…"). */
function NameSelect({ names, value, onChange, id }: { names: string[]; value?: string; onChange?: (v: string) => void; id?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const typed = search.trim();
  const options = names.map((n) => ({ value: n, label: n }));
  if (typed && !names.includes(typed)) options.push({ value: typed, label: t('tickets.newName', { name: typed }) });
  return <Select id={id} showSearch={{ onSearch: setSearch, optionFilterProp: 'value' }} value={value} onChange={onChange} options={options} />;
}

/**
 * 交办 to whom, picked from lists: the people and teams the leader may see, and the departments
 * and field teams (派工) tickets went to before; a new department takes a deliberate "新增".
 */
export function AssigneeFields() {
  const { t } = useTranslation();
  const kind: Kind = Form.useWatch('kind') ?? 'user';
  const form = Form.useFormInstance();
  const [people, setPeople] = useState<Profile[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [names, setNames] = useState<TicketAssigneeNames>({ departments: [], fieldTeams: [] });
  useEffect(() => {
    api<Profile[]>('GET', '/api/v1/users').then(
      (p) => setPeople(p.filter((u) => !u.disabled)),
      () => {},
    );
    api<Team[]>('GET', '/api/v1/teams').then(setTeams, () => {});
    api<TicketAssigneeNames>('GET', '/api/v1/ticket-assignees').then(setNames, () => {});
  }, []);
  const picker = () => {
    if (kind === 'department') return <NameSelect names={names.departments} />;
    if (kind === 'field_team') return <NameSelect names={names.fieldTeams} />;
    const options =
      kind === 'team'
        ? teams.map((team) => ({ value: team.id, label: team.name }))
        : people.map((p) => ({ value: p.id, label: `${p.displayName}（${p.employeeNo ?? p.username}）` }));
    return <Select showSearch={{ optionFilterProp: 'label' }} options={options} />;
  };
  return (
    <>
      <Form.Item name="kind" label={t('tickets.assignTo')} initialValue="user">
        <Radio.Group options={kinds.map((k) => ({ value: k, label: t(`tickets.assigneeKinds.${k}`) }))} onChange={() => form.setFieldValue('value', undefined)} />
      </Form.Item>
      <Form.Item name="value" label={t(`tickets.assigneeValue.${kind}`)} rules={[{ required: true, message: t('tickets.pickAssignee') }]}>
        {picker()}
      </Form.Item>
      <Form.Item name="note" label={t('tickets.noteText')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

/** The assign request's body from the dialog's values. */
export function assignBody(values: Record<string, unknown>): unknown {
  const value = String(values.value ?? '').trim();
  const note = values.note ? { note: values.note } : {};
  switch (values.kind) {
    case 'team':
      return { teamId: value, ...note };
    case 'department':
      return { department: value, ...note };
    case 'field_team':
      return { fieldTeam: value, ...note };
    default:
      return { userId: value, ...note };
  }
}
