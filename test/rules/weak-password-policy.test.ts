// Test table for weak-password-policy: short or missing minimums across validator libraries, forms and regexes; login and OTP negatives.
import rule from '../../rules/weak-password-policy';
import { ruleTable } from '../helpers/rule-table';

const lines = (...l: string[]): string => l.join('\n');

ruleTable(rule, {
  valid: [
    // Login only checks presence: no policy applies to a password being checked.
    "const signInSchema = z.object({ email: z.string().email(), password: z.string().min(1) });",
    "const loginSchema = Joi.object({ email: Joi.string().email(), password: Joi.string().min(4).required() });",
    // A one-time code is not a password.
    "const otpSchema = z.object({ code: z.string().regex(/^\\d{6}$/) });",
    "const verifySchema = yup.object({ pin: yup.string().length(6) });",
    // Long enough, with or without character classes.
    "const signUpSchema = z.object({ email: z.string().email(), password: z.string().min(12).regex(/[A-Z]/) });",
    "const registerSchema = yup.object({ password: yup.string().required().min(8) });",
    // Presence-only minimum where the purpose is unknown: not a policy.
    "const schema = z.object({ password: z.string().min(1) });",
    // A custom refinement this rule cannot size on a sign-up schema.
    "const signupSchema = z.object({ password: z.string().refine(isStrongEnough) });",
    // The confirmation field repeats the policy of the main one; the stored hash is not typed by anyone.
    "const signUpSchema = z.object({ password: z.string().min(10), confirmPassword: z.string().min(1) });",
    "const userSchema = new Schema({ passwordHash: { type: String, minlength: 6 } });",
    // Change-password schema: the current password is only checked.
    "const changePasswordSchema = z.object({ current: z.string().min(1), next: z.string().min(12) });",
    {
      name: 'class-validator login DTO with @MinLength(1)',
      code: lines(
        "import { IsString, MinLength } from 'class-validator';",
        'export class LoginDto {',
        '  @IsString()',
        '  @MinLength(1)',
        '  password!: string;',
        '}',
      ),
    },
    {
      name: 'express-validator strong password helper with its default length',
      code: "router.post('/register', body('password').isStrongPassword(), createAccount);",
    },
    {
      name: 'express-validator login route without a minimum',
      code: "router.post('/login', body('password').notEmpty(), signIn);",
    },
    {
      name: 'JSX current-password input',
      path: 'src/components/LoginForm.tsx',
      code: 'export const LoginForm = () => <form><input type="password" autoComplete="current-password" minLength={4} /></form>;',
    },
    {
      name: 'HTML sign-up form requiring 10 characters',
      path: 'public/signup.html',
      code: '<form action="/register"><input type="password" name="password" minlength="10"></form>\n',
    },
    {
      name: 'HTML sign-in form',
      path: 'public/index.html',
      code: '<form id="sign-in"><input type="password" name="password" minlength="4"></form>\n',
    },
    // Regexes that only require classes, or are long enough.
    "const PASSWORD_PATTERN = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{10,64}$/;",
    "const CARD_CVC = /^\\d{3,4}$/;",
    // A constant minimum that is long enough.
    "const MIN_PASSWORD_LENGTH = 10;\nconst registerSchema = z.object({ password: z.string().min(MIN_PASSWORD_LENGTH) });",
    {
      name: 'TypeORM entity column in a create-user file holds the hash',
      path: 'src/users/create-user.entity.ts',
      code: 'export class User {\n  @Column()\n  password!: string;\n}',
    },
    {
      name: 'Nest sign-in route with a presence check',
      code: lines(
        "@Controller('auth')",
        'export class AuthController {',
        "  @Post('sign-in')",
        '  signIn(@Body() body: unknown) {',
        "    return z.object({ password: z.string().min(1) }).parse(body);",
        '  }',
        '}',
      ),
    },
    {
      name: 'test files build throwaway schemas',
      path: 'test/auth.test.ts',
      code: "const signUpSchema = z.object({ password: z.string().min(3) });",
    },
    // Long-enough minimums in the other validator styles.
    "const registerSchema = Joi.object({ email: Joi.string().email(), password: Joi.string().min(12).pattern(/[0-9]/).required() });",
    "router.post('/register', body('email').isEmail(), body('password').isLength({ min: 12, max: 128 }), createAccount);",
    "import { Length } from 'class-validator';\nexport class RegisterDto {\n  @Length(10, 128)\n  password!: string;\n}",
    {
      name: 'a password-reset code is a one-time code, not a password',
      code: "const confirmResetSchema = z.object({ email: z.string().email(), passwordResetCode: z.string().min(6).max(6) });",
    },
    {
      name: 'passport number on a KYC sign-up schema is not a password',
      code: "const signUpKycSchema = z.object({ passportNumber: z.string().min(6).max(9), country: z.string().length(2) });",
    },
    {
      name: 'Fastify login route body schema with a presence minimum',
      code: "fastify.post('/login', { schema: { body: { type: 'object', properties: { password: { type: 'string', minLength: 1 } } } } }, login);",
    },
    {
      name: 'yup login form: required only',
      path: 'src/forms/LoginForm.tsx',
      code: "const validationSchema = yup.object().shape({ email: yup.string().email(), password: yup.string().required('Required') });",
    },
  ],
  invalid: [
    {
      name: 'zod sign-up schema with min(6)',
      code: "const signUpSchema = z.object({\n  email: z.string().email(),\n  password: z.string().min(6),\n});",
      errors: [{ messageId: 'tooShort', line: 3, column: 24 }],
      fixes: { raiseMinimum: "const signUpSchema = z.object({\n  email: z.string().email(),\n  password: z.string().min(8),\n});" },
    },
    {
      name: 'zod min with a message',
      code: "const resetSchema = z.object({ newPassword: z.string().min(6, 'Too short').max(64) });",
      errors: [{ messageId: 'tooShort', line: 1, column: 56 }],
      fixes: { raiseMinimum: "const resetSchema = z.object({ newPassword: z.string().min(8, 'Too short').max(64) });" },
    },
    {
      name: 'zod presence check on a sign-up schema',
      code: "const signUpSchema = z.object({ password: z.string().min(1) });",
      errors: [{ messageId: 'tooShort', line: 1, column: 54 }],
      fixes: { raiseMinimum: "const signUpSchema = z.object({ password: z.string().min(8) });" },
    },
    {
      name: 'bare zod password on a sign-up schema',
      code: "const registerSchema = z.object({ email: z.string().email(), password: z.string() });",
      errors: [{ messageId: 'noMinimum', line: 1, column: 72 }],
      fixes: { addMinimum: "const registerSchema = z.object({ email: z.string().email(), password: z.string().min(8) });" },
    },
    {
      name: 'joi schema of unknown purpose with min(6)',
      code: "const userSchema = Joi.object({ username: Joi.string(), password: Joi.string().min(6).required() });",
      errors: [{ messageId: 'tooShort', line: 1, column: 80 }],
      fixes: { raiseMinimum: "const userSchema = Joi.object({ username: Joi.string(), password: Joi.string().min(8).required() });" },
    },
    {
      name: 'joi create-user schema without a minimum',
      code: "export const createUserSchema = Joi.object({ password: Joi.string().required() });",
      errors: [{ messageId: 'noMinimum', line: 1, column: 56 }],
      fixes: { addMinimum: "export const createUserSchema = Joi.object({ password: Joi.string().min(8).required() });" },
    },
    {
      name: 'yup sign-up form schema',
      path: 'src/forms/SignUp.tsx',
      code: "const validationSchema = yup.object().shape({ password: yup.string().required('Required').min(6, 'At least 6') });",
      errors: [{ messageId: 'tooShort', line: 1, column: 91 }],
      fixes: { raiseMinimum: "const validationSchema = yup.object().shape({ password: yup.string().required('Required').min(8, 'At least 6') });" },
    },
    {
      name: 'change-password schema: the new password',
      code: "const changePasswordSchema = z.object({ current: z.string().min(1), next: z.string().min(4) });",
      errors: [{ messageId: 'tooShort', line: 1, column: 86 }],
      fixes: { raiseMinimum: "const changePasswordSchema = z.object({ current: z.string().min(1), next: z.string().min(8) });" },
    },
    {
      name: 'minimum from a constant in the file',
      code: "const MIN_PASSWORD_LENGTH = 6;\nconst registerSchema = z.object({ password: z.string().min(MIN_PASSWORD_LENGTH) });",
      errors: [{ messageId: 'tooShort', line: 2, column: 56 }],
      fixes: { raiseMinimum: "const MIN_PASSWORD_LENGTH = 8;\nconst registerSchema = z.object({ password: z.string().min(MIN_PASSWORD_LENGTH) });" },
    },
    {
      name: 'class-validator @MinLength(6)',
      code: lines(
        "import { IsEmail, IsString, MinLength } from 'class-validator';",
        'export class RegisterDto {',
        '  @IsEmail()',
        '  email!: string;',
        '  @IsString()',
        '  @MinLength(6)',
        '  password!: string;',
        '}',
      ),
      errors: [{ messageId: 'tooShort', line: 6, column: 3 }],
      fixes: {
        raiseMinimum: lines(
          "import { IsEmail, IsString, MinLength } from 'class-validator';",
          'export class RegisterDto {',
          '  @IsEmail()',
          '  email!: string;',
          '  @IsString()',
          '  @MinLength(8)',
          '  password!: string;',
          '}',
        ),
      },
    },
    {
      name: 'class-validator @Length(6, 64)',
      code: "import { Length } from 'class-validator';\nexport class ResetPasswordDto {\n  @Length(6, 64)\n  newPassword!: string;\n}",
      errors: [{ messageId: 'tooShort', line: 3, column: 3 }],
      fixes: { raiseMinimum: "import { Length } from 'class-validator';\nexport class ResetPasswordDto {\n  @Length(8, 64)\n  newPassword!: string;\n}" },
    },
    {
      name: 'class-validator sign-up DTO without a length bound',
      code: lines(
        "import { IsNotEmpty, IsString } from 'class-validator';",
        'export class CreateUserDto {',
        '  @IsString()',
        '  @IsNotEmpty()',
        '  password!: string;',
        '}',
      ),
      errors: [{ messageId: 'noMinimum', line: 5, column: 3 }],
      fixes: {
        addMinimum: lines(
          "import { IsNotEmpty, IsString, MinLength } from 'class-validator';",
          'export class CreateUserDto {',
          '  @MinLength(8)',
          '  @IsString()',
          '  @IsNotEmpty()',
          '  password!: string;',
          '}',
        ),
      },
    },
    {
      name: 'express-validator isLength on a register route',
      code: "router.post('/register', body('email').isEmail(), body('password').isLength({ min: 6 }), createAccount);",
      errors: [{ messageId: 'tooShort', line: 1, column: 79 }],
      fixes: { raiseMinimum: "router.post('/register', body('email').isEmail(), body('password').isLength({ min: 8 }), createAccount);" },
    },
    {
      name: 'express-validator sign-up route without a length',
      code: "app.post('/sign-up', check('password').notEmpty(), signUp);",
      errors: [{ messageId: 'noMinimum', line: 1, column: 22 }],
      fixes: { addMinimum: "app.post('/sign-up', check('password').isLength({ min: 8 }).notEmpty(), signUp);" },
    },
    {
      name: 'express-validator strong password with a short length',
      code: "const resetValidators = [body('newPassword').isStrongPassword({ minLength: 6, minSymbols: 1 })];",
      errors: [{ messageId: 'tooShort', line: 1, column: 65 }],
      fixes: { raiseMinimum: "const resetValidators = [body('newPassword').isStrongPassword({ minLength: 8, minSymbols: 1 })];" },
    },
    {
      name: 'validator.js isLength',
      code: "if (!validator.isLength(req.body.password, { min: 6 })) throw new Error('weak');",
      errors: [{ messageId: 'tooShort', line: 1, column: 46 }],
      fixes: { raiseMinimum: "if (!validator.isLength(req.body.password, { min: 8 })) throw new Error('weak');" },
    },
    {
      name: 'mongoose minlength with a message',
      code: "const userSchema = new Schema({ email: String, password: { type: String, required: true, minlength: [6, 'Too short'] } });",
      errors: [{ messageId: 'tooShort', line: 1, column: 90 }],
      fixes: { raiseMinimum: "const userSchema = new Schema({ email: String, password: { type: String, required: true, minlength: [8, 'Too short'] } });" },
    },
    {
      name: 'JSON schema minLength (Fastify route schema)',
      code: "const body = { type: 'object', properties: { password: { type: 'string', minLength: 5 } } };",
      errors: [{ messageId: 'tooShort', line: 1, column: 74 }],
      fixes: { raiseMinimum: "const body = { type: 'object', properties: { password: { type: 'string', minLength: 8 } } };" },
    },
    {
      name: 'regex literal constant',
      code: 'const PASSWORD_REGEX = /^(?=.*[A-Z])(?=.*\\d).{6,}$/;',
      errors: [{ messageId: 'tooShort', line: 1, column: 24 }],
      fixes: { raiseMinimum: 'const PASSWORD_REGEX = /^(?=.*[A-Z])(?=.*\\d).{8,}$/;' },
    },
    {
      name: 'regex in a zod chain next to a long-enough min',
      code: "const signUpSchema = z.object({ password: z.string().min(8).regex(/^[A-Za-z0-9]{6,20}$/) });",
      errors: [{ messageId: 'tooShort', line: 1, column: 67 }],
      fixes: { raiseMinimum: "const signUpSchema = z.object({ password: z.string().min(8).regex(/^[A-Za-z0-9]{8,20}$/) });" },
    },
    {
      name: 'regex .test on a password',
      code: "function validateNewPassword(pw) { return /^.{6,}$/.test(pw.password); }",
      errors: [{ messageId: 'tooShort', line: 1, column: 43 }],
      fixes: { raiseMinimum: "function validateNewPassword(pw) { return /^.{8,}$/.test(pw.password); }" },
    },
    {
      name: 'mongoose match regex',
      code: "const userSchema = new Schema({ password: { type: String, match: /^.{6,}$/ } });",
      errors: [{ messageId: 'tooShort', line: 1, column: 66 }],
      fixes: { raiseMinimum: "const userSchema = new Schema({ password: { type: String, match: /^.{8,}$/ } });" },
    },
    {
      name: 'JSX sign-up input',
      path: 'src/components/SignUpForm.tsx',
      code: 'export function SignUpForm() { return <input type="password" name="password" minLength={6} />; }',
      errors: [{ messageId: 'tooShort', line: 1, column: 78 }],
      fixes: { raiseMinimum: 'export function SignUpForm() { return <input type="password" name="password" minLength={8} />; }' },
    },
    {
      name: 'HTML sign-up form',
      path: 'public/register.html',
      code: '<form action="/register">\n  <input type="password" name="password" minlength="6" autocomplete="new-password">\n</form>\n',
      errors: [{ messageId: 'tooShort', line: 2, column: 42 }],
      fixes: { raiseMinimum: '<form action="/register">\n  <input type="password" name="password" minlength="8" autocomplete="new-password">\n</form>\n' },
    },
    {
      name: 'team minimum of 12',
      config: { rules: { 'weak-password-policy': ['warning', { minLength: 12 }] } },
      code: "const signUpSchema = z.object({ password: z.string().min(8) });",
      errors: [{ messageId: 'tooShort', line: 1, column: 54 }],
      fixes: { raiseMinimum: "const signUpSchema = z.object({ password: z.string().min(12) });" },
    },
  ],
});
