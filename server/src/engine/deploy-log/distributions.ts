/**
 * Import names whose PyPI distribution is named differently (`import yaml` comes from PyYAML). Only names that
 * are unambiguous are listed; anything else is assumed to be installed under its import name.
 */

const DISTRIBUTIONS: Readonly<Record<string, string>> = {
  yaml: 'PyYAML',
  jwt: 'PyJWT',
  cv2: 'opencv-python',
  PIL: 'Pillow',
  dotenv: 'python-dotenv',
  sklearn: 'scikit-learn',
  bs4: 'beautifulsoup4',
  dateutil: 'python-dateutil',
  magic: 'python-magic',
  multipart: 'python-multipart',
  jose: 'python-jose',
  psycopg2: 'psycopg2-binary',
  MySQLdb: 'mysqlclient',
  Crypto: 'pycryptodome',
  OpenSSL: 'pyOpenSSL',
  google: 'google-api-python-client',
  attr: 'attrs',
  serial: 'pyserial',
  usb: 'pyusb',
  Levenshtein: 'python-Levenshtein',
  docx: 'python-docx',
  pptx: 'python-pptx',
  telegram: 'python-telegram-bot',
  discord: 'discord.py',
  slugify: 'python-slugify',
  socketio: 'python-socketio',
  engineio: 'python-engineio',
  lxml: 'lxml',
  fitz: 'PyMuPDF',
  win32api: 'pywin32',
  git: 'GitPython',
  github: 'PyGithub',
  kafka: 'kafka-python',
  zmq: 'pyzmq',
  Bio: 'biopython',
  skimage: 'scikit-image',
  tensorflow_hub: 'tensorflow-hub',
  pkg_resources: 'setuptools',
  decouple: 'python-decouple',
  environ: 'django-environ',
  rest_framework: 'djangorestframework',
  corsheaders: 'django-cors-headers',
  pydantic_settings: 'pydantic-settings',
  email_validator: 'email-validator',
  sentry_sdk: 'sentry-sdk',
  google_auth_oauthlib: 'google-auth-oauthlib',
};

export function distributionFor(importName: string): string {
  return DISTRIBUTIONS[importName] ?? importName.replace(/_/g, '-');
}
