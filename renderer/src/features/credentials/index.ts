export { CredentialsScreen } from './credentials-screen';
export { ConnectionReportView } from './connection-report';
