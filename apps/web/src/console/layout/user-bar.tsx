/** Header right side: who is signed in, their role, the language switch and sign-out. */
import { App, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLabels } from '../common/labels';
import { LanguageSwitch } from '../language-switch';
import { useCurrentUser } from '../session/current-user';
import { useLogout } from '../session/use-session';
import { Inbox } from './inbox';

export function UserBar() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const user = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();

  const onLogout = () => {
    logout.mutate(undefined, {
      onSettled: () => {
        void message.info(t('header.loggedOut'));
        void navigate('/login', { replace: true });
      },
    });
  };

  return (
    <Flex align="center" gap="middle" wrap className="user-bar" aria-label={t('header.userMenu')} role="group">
      <span className="user-identity">
        <Typography.Text strong data-testid="current-user-name">
          {user.displayName}
        </Typography.Text>
        <Typography.Text type="secondary" className="user-roles" data-testid="current-user-roles">
          {user.roles.map((role) => labels.role(role)).join('、')}
        </Typography.Text>
      </span>
      <Inbox />
      <LanguageSwitch />
      <Button onClick={onLogout} loading={logout.isPending} data-testid="logout">
        {t('header.logout')}
      </Button>
    </Flex>
  );
}
